"""Postal service (dịch vụ bưu chính công ích): dossiers collected at the applicant's address and
handed to a reception place, results sent by post; hand-over records signed both ways; delivery status
from the postal agent's page and from the operator's status callbacks."""
