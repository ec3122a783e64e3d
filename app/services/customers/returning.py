"""Finding a returning customer: the same name with the same phone, or with the same (known) plate."""

from __future__ import annotations

from typing import Iterable

from sqlalchemy import select

from app.models import Customer, Vehicle
from app.models.bulk import among
from app.rules.identifiers import PLATE_UNKNOWN


def known_plate(plate: str | None) -> bool:
    """A plate that names one car (an unknown plate names nobody)."""
    return bool(plate) and plate != PLATE_UNKNOWN


class Returning:
    """The dealer's customers a batch of visits may name, by (phone, name) and by (name, plate).

    A person who comes back with another phone is found by name and plate; with another car, by
    name and phone. Name alone is never enough (two people share a name)."""

    def __init__(self, session, dealer_id: str, people: Iterable[tuple[str, str, str]]) -> None:
        """``people``: (name, phone, plate) as normalised for storage."""
        people = list(people)
        self.by_phone: dict[tuple[str, str], str] = {}
        self.by_plate: dict[tuple[str, str], str] = {}
        phones = {phone for _n, phone, _p in people if phone}
        plates = {plate for _n, _ph, plate in people if known_plate(plate)}
        order = (Customer.created_at, Customer.id)  # the oldest record first: the same choice everywhere
        # One statement each, whatever the batch's size (an import names thousands; app.models.bulk.among),
        # looked up by the phone's or the plate's index: the dealer is checked here, not in SQL, where
        # SQLite would walk every customer of the dealer instead.
        if phones:
            for cid, dealer, name, phone in session.execute(
                    select(Customer.id, Customer.dealer_id, Customer.name, Customer.phone)
                    .where(among(session, Customer.phone, phones)).order_by(*order)):
                if dealer == dealer_id:
                    self.by_phone.setdefault((phone, name), cid)
        if plates:
            for cid, dealer, name, plate in session.execute(
                    select(Customer.id, Customer.dealer_id, Customer.name, Vehicle.plate)
                    .join(Vehicle, Vehicle.customer_id == Customer.id)
                    .where(among(session, Vehicle.plate, plates)).order_by(*order)):
                if dealer == dealer_id:
                    self.by_plate.setdefault((name, plate), cid)

    def find(self, name: str, phone: str, plate: str) -> str | None:
        cid = self.by_phone.get((phone, name))
        if cid is None and known_plate(plate):
            cid = self.by_plate.get((name, plate))
        return cid

    def remember(self, customer_id: str, name: str, phone: str, plate: str) -> None:
        """A customer added in this batch is found by the batch's later rows too."""
        self.by_phone.setdefault((phone, name), customer_id)
        if known_plate(plate):
            self.by_plate.setdefault((name, plate), customer_id)


def find_returning(session, dealer_id: str, name: str, phone: str, plate: str) -> str | None:
    """The customer a new visit (name, phone, plate, normalised) belongs to, or None for a new one."""
    return Returning(session, dealer_id, [(name, phone, plate)]).find(name, phone, plate)
