"""Authority limits: within head office's ceiling and within the role above (table-driven)."""

from __future__ import annotations

import pytest

from app.rules.authority import ABOVE_CEILING, ABOVE_NEXT, BELOW_PREVIOUS, capped, limit_problems

A, S, M, C = "remedy.limit.advisor", "remedy.limit.supervisor", "remedy.limit.admin", "remedy.limit.ceiling"


def values(advisor=300, supervisor=3000, admin=3000, ceiling=0):
    return {A: advisor, S: supervisor, M: admin, C: ceiling}


@pytest.mark.parametrize("vals, changed, want", [
    (values(), {A}, {}),
    (values(advisor=3000), {A}, {}),  # equal to the supervisor's: allowed
    (values(advisor=3001), {A}, {A: (ABOVE_NEXT[A], {"limit": 3000})}),
    (values(advisor=5000), set(), {}),  # not changed: not judged
    (values(supervisor=3001), {S}, {S: (ABOVE_NEXT[S], {"limit": 3000})}),
    (values(supervisor=299), {S}, {S: (BELOW_PREVIOUS[S], {"limit": 300})}),
    (values(supervisor=300), {S}, {}),
    (values(admin=2999), {M}, {M: (BELOW_PREVIOUS[M], {"limit": 3000})}),
    (values(admin=100000), {M}, {}),  # no ceiling: the administrator's limit has none above it
    (values(admin=2001, supervisor=2000, ceiling=2000), {M}, {M: (ABOVE_CEILING, {"ceiling": 2000})}),
    (values(admin=2000, supervisor=2000, ceiling=2000), {M, S}, {}),
    (values(advisor=2500, ceiling=2000), {A}, {A: (ABOVE_CEILING, {"ceiling": 2000})}),  # the ceiling first
    (values(advisor=2500, ceiling=2000), {"ui.lock_minutes"}, {}),  # a lower ceiling later: the rest saves
])
def test_limit_problems(vals, changed, want):
    assert limit_problems(vals, changed) == want


@pytest.mark.parametrize("limit, ceiling, want", [(3000, 0, 3000), (3000, 2000, 2000), (1000, 2000, 1000),
                                                   (2000, 2000, 2000), (0, 5, 0)])
def test_the_limit_in_force_is_capped_by_the_ceiling(limit, ceiling, want):
    assert capped(limit, ceiling) == want


def test_a_ceiling_published_later_caps_what_a_role_may_give(store):
    from app.services import settings
    from app.services.people import users
    from app.services.cases.case_log import authority_limit
    from app.services.uow import UnitOfWork
    from app.rules.vocab import Role

    users.create_first_admin(store, "admin", "管理员", "1234")
    with store.session() as s, s.begin():
        settings.put(s, C, 1000, source="hq")
    with UnitOfWork(store) as uow:
        assert authority_limit(uow, Role.SUPERVISOR) == 1000
        assert authority_limit(uow, Role.ADVISOR) == 300
