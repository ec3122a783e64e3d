"""SQLAlchemy 2.0 models and the store that holds them. No Qt here."""

from app.models.base import Base, utcnow
from app.models.entities import (Customer, Dealer, Event, FailureCase, FeedbackForm, RepairOrder,
                                 SettingValue, StoreMeta, User, Vehicle)
from app.models.sync import (HqCounter, HqEnrolment, SyncBlob, SyncConflict, SyncFile, SyncOutbox,
                             SyncPublished, SyncReceived)

__all__ = ["Base", "utcnow", "Customer", "Dealer", "Event", "FailureCase", "FeedbackForm",
           "RepairOrder", "SettingValue", "StoreMeta", "User", "Vehicle", "HqCounter", "HqEnrolment",
           "SyncBlob", "SyncConflict", "SyncFile", "SyncOutbox", "SyncPublished", "SyncReceived"]
