"""SQLAlchemy 2.0 models and the store that holds them. No Qt here."""

from app.models.base import Base, utcnow
from app.models.desk import Alert, Attachment, FormMonth
from app.models.entities import (Customer, Dealer, Event, FailureCase, FeedbackForm, RepairOrder,
                                 SettingValue, StoreMeta, User, Vehicle)
from app.models.recovery import Callback, Remedy, VerificationCall
from app.models.refusals import HqRefusal, SyncRefused
from app.models.warnings import EarlyWarning, ImprovementAction, NetworkImprovement
from app.models.sync import (EventTally, HqCounter, HqEnrolment, HqBlobHolder, HqFormMonth, HqPublishedArrival, SyncBlob, SyncConflict, SyncFile, SyncOutbox,
                             SyncPublished, SyncReceived, SyncReceivedCustomer)

__all__ = ["Alert", "Attachment", "FormMonth", "Base", "utcnow", "Customer", "Dealer", "Event", "FailureCase", "FeedbackForm",
           "RepairOrder", "SettingValue", "StoreMeta", "User", "Vehicle",
           "Callback", "Remedy", "VerificationCall", "HqCounter", "HqEnrolment", "HqPublishedArrival", "HqBlobHolder", "HqFormMonth",
           "EventTally", "SyncBlob", "SyncConflict", "SyncFile", "SyncOutbox", "SyncPublished", "SyncReceived",
           "SyncReceivedCustomer", "HqRefusal", "SyncRefused", "EarlyWarning", "ImprovementAction", "NetworkImprovement"]
