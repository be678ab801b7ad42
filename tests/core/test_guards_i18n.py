"""Guards over the translations: every msgid of every catalog of the project has its English, and no
template writes Vietnamese interface text outside {% translate %} (it would stay Vietnamese in English).
Also: the guards' own detectors find what they are meant to find."""

import gettext

from django.template.loader import get_template

from tests.i18n.test_english import read_po

from .guards import ROOT, english_leftovers, po_files, python_leaks, template_literals

# Legal documents printed in Vietnamese whatever the interface language (Decree 61/2018, Circular 01/2018
# forms 01–06, the postal hand-over record, the payment receipt): not interface text.
VIETNAMESE_ONLY = ("forms_pdf/", "postal_pdf/", "receipt_templates/")
# The currency sign (đồng) and the language switch's own name, written the same in every language.
SAME_IN_EVERY_LANGUAGE = {"đ", "Tiếng Việt"}


def test_every_msgid_of_every_catalog_has_its_english_and_is_compiled():
    assert len(po_files()) >= 15
    missing, stale = [], []
    for path in po_files():
        entries = read_po(path)
        with (path.parent / "django.mo").open("rb") as handle:
            compiled = gettext.GNUTranslations(handle)
        for e in entries:
            if "fuzzy" in e["flags"] or any(v == "" for k, v in e.items() if k.startswith("msgstr")):
                missing.append(f"{path.relative_to(ROOT)}: {e['msgid']!r}")
            elif (
                "msgid_plural" not in e and "msgctxt" not in e and compiled.gettext(e["msgid"]) != e["msgstr"]
            ):
                stale.append(f"{path.relative_to(ROOT)}: {e['msgid']!r} (run msgfmt)")
    assert missing == [], "\n".join(missing)
    assert stale == [], "\n".join(stale)


def test_no_template_writes_vietnamese_interface_text_outside_translate():
    found = []
    for path in sorted(ROOT.glob("**/templates/**/*.html")) + sorted(
        ROOT.glob("**/receipt_templates/*.html")
    ):
        relative = str(path.relative_to(ROOT))
        if any(part in relative for part in VIETNAMESE_ONLY):
            continue
        found += [
            f"{relative}: {text[:100]!r}"
            for text in template_literals(path)
            if text not in SAME_IN_EVERY_LANGUAGE
        ]
    assert found == [], "\n".join(found)


def test_the_detectors_find_python_and_english_in_what_people_see(tmp_path):
    leaked = "<p>{'a': 1}.items</p><textarea>dict_items([])</textarea><td>None</td><button>Submit</button>"
    assert python_leaks(leaked) == ["dict_items(", "dict_items([])", "None"]
    assert english_leftovers(leaked) == ["Submit"]
    clean = '<p>Hồ sơ không có</p><script>var x = None;</script><button lang="en">English</button>'
    assert python_leaks(clean) == [] and english_leftovers(clean) == []
    template = tmp_path / "t.html"
    template.write_text(
        '{% load i18n %}<h1>{% translate "Tiếp nhận" %}</h1><p>Chưa dịch</p>'
        '{% blocktranslate %}Đã dịch {{ x }}{% endblocktranslate %}<input placeholder="ví dụ">',
        encoding="utf-8",
    )
    assert template_literals(template) == ["Chưa dịch", "ví dụ"]
    get_template("workspace/supervisor.html")  # the templates the guards read do compile
