"""Managing the counter's people: only an active administrator adds, deactivates, reactivates or
gives a new PIN; nobody deactivates themselves (so an active administrator always remains); a deactivated person
can't sign in and their work keeps their name."""

import pytest

from app.foundation.errors import InvalidInput
from app.services.people import users
from app.services.cases.case_log import AccountInactive, NotAllowed
from app.services.people.users import SignInFailed, create_user, reset_secret, set_active, sign_in


@pytest.fixture
def people(store):
    admin = users.create_first_admin(store, "boss", "王经理", "2468")
    li = create_user(store, "li", "李娜", "5678", "advisor", actor_id=admin.user_id)
    sup = create_user(store, "liu", "刘主管", "1357", "supervisor", actor_id=admin.user_id)
    return {"admin": admin.user_id, "li": li.user_id, "sup": sup.user_id}


def test_a_deactivated_person_cannot_sign_in_until_reactivated(store, people):
    info = set_active(store, people["li"], False, actor_id=people["admin"])
    assert not info.active and info.display_name == "李娜"
    with pytest.raises(SignInFailed):
        sign_in(store, "li", "5678")
    assert [p.active for p in users.list_users(store) if p.username == "li"] == [False]
    assert users.names(store)[people["li"]] == "李娜"  # the timeline still names her
    set_active(store, people["li"], True, actor_id=people["admin"])
    assert sign_in(store, "li", "5678").user_id == people["li"]


def test_a_new_pin_replaces_the_forgotten_one(store, people):
    reset_secret(store, people["li"], "9999", actor_id=people["admin"])
    assert sign_in(store, "li", "9999").user_id == people["li"]
    with pytest.raises(SignInFailed):
        sign_in(store, "li", "5678")


@pytest.mark.parametrize("action,actor,target,message", [
    ("deactivate", "li", "sup", "only an administrator"),
    ("deactivate", "sup", "li", "only an administrator"),
    ("new pin", "sup", "li", "only an administrator"),
    ("add user", "sup", None, "only an administrator"),
    ("deactivate", "admin", "admin", "can't deactivate yourself"),
])
def test_who_may_manage_people(store, people, action, actor, target, message):
    with pytest.raises(NotAllowed, match=message):
        if action == "deactivate":
            set_active(store, people[target], False, actor_id=people[actor])
        elif action == "new pin":
            reset_secret(store, people[target], "0000", actor_id=people[actor])
        else:
            create_user(store, "wang", "王强", "4321", "advisor", actor_id=people[actor])
    assert sign_in(store, "li", "5678")  # nothing changed


def test_a_deactivated_administrator_can_no_longer_manage(store, people):
    other = create_user(store, "zhou", "周经理", "8642", "admin", actor_id=people["admin"]).user_id
    set_active(store, other, False, actor_id=people["admin"])
    with pytest.raises(AccountInactive, match="no longer active"):  # the desk locks on this one
        set_active(store, people["li"], False, actor_id=other)
    assert sign_in(store, "li", "5678")


def test_a_short_pin_is_refused_with_the_field(store, people):
    with pytest.raises(InvalidInput) as exc:
        reset_secret(store, people["li"], "12", actor_id=people["admin"])
    assert exc.value.params["field"] == "pin"
    assert sign_in(store, "li", "5678")
