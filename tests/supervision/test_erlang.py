"""Erlang C against the textbook case worked by hand.

The classic worked example (Call Centre Helper, "Erlang C formula made simple"; the same figures in
Koole, Call Center Optimization, ch. 4): 100 calls in 30 minutes, 180 s handling, 80 % answered within
20 s. Traffic A = 100 × 180 / 1800 = 10 erlangs. By hand, with N = 11:
  Σ_{k=0}^{10} 10^k/k! = 12,842.3, 10^11/11! = 2,505.2, × 11/(11−10) = 27,557.3
  P(wait) = 27,557.3 / (12,842.3 + 27,557.3) = 0.6821
  SL(20 s) = 1 − 0.6821 · e^{−1·20/180} = 1 − 0.6821 · 0.8948 = 0.3897
and for N = 12, 13, 14 the service level is 64.0 %, 79.6 % and 88.8 %: 14 agents are needed.
"""

import math

import pytest

from motcua.supervision import erlang


def test_the_textbook_case_by_hand():
    assert erlang.erlang_c(11, 10.0) == pytest.approx(0.6821, abs=5e-4)
    assert erlang.service_level(11, 10.0, 180, 20) == pytest.approx(0.3897, abs=5e-4)
    levels = [erlang.service_level(n, 10.0, 180, 20) for n in (12, 13, 14)]
    assert levels == pytest.approx([0.6402, 0.7956, 0.8884], abs=5e-4)
    need = erlang.servers_needed(200, 180, target_share=0.8, target_seconds=20)
    assert need.traffic == pytest.approx(10.0)
    assert need.servers == 14
    assert need.service_level == pytest.approx(0.8884, abs=5e-4)


def test_the_direct_formula_agrees_with_the_recurrence():
    traffic, servers = 7.3, 10
    top = traffic**servers / math.factorial(servers) * servers / (servers - traffic)
    below = sum(traffic**k / math.factorial(k) for k in range(servers))
    assert erlang.erlang_c(servers, traffic) == pytest.approx(top / (below + top), rel=1e-12)


def test_more_officers_never_lower_the_service_level():
    levels = [erlang.service_level(n, 25.0, 600, 900) for n in range(26, 60)]
    assert levels == sorted(levels)
    assert erlang.servers_needed(150, 600).servers >= 26  # A = 25: at least 26 officers


def test_edges_an_idle_hour_needs_nobody_and_an_overload_never_meets_the_target():
    assert erlang.servers_needed(0, 600).servers == 0
    assert erlang.erlang_c(5, 5.0) == 1.0
    assert erlang.service_level(5, 6.0, 600, 900) == 0.0
    with pytest.raises(ValueError):
        erlang.servers_needed(10, 600, target_share=1.5)
