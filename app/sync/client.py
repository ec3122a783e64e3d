"""The counter's side of sync: one round sends waiting case files, pulls the dealer's changes from
its other counters and what head office published. Qt-free; app/ui/sync/sync_controller.py runs it.

A file counts as delivered only on a sealed acknowledgement naming its counter, sequence and hash
(app.sync.wire). Anything else (no connection, timeouts, 5xx, a proxy's page) leaves it waiting
for the next round; a refusal head office seals goes to the sync problems, never dropped.
"""

from __future__ import annotations

import base64
import json
import logging
import random
import time
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import httpx
from sqlalchemy.exc import SQLAlchemyError

from app import __version__
from app.foundation import secrets
from app.foundation.errors import RecoveryDeskError, StoreBusy
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.models import StoreMeta, utcnow
from app.rules.published import check_settings
from app.services.audit import trail
from app.services import settings
from app.services.cases import attachments
from app.services.changes import ATTACHMENTS, NOTHING, SCRIPTS, SETTINGS, SYNC, Changes, register_change
from app.services.privacy import purging
from app.services.uow import take_write_lock
from app.sync import bounded, found_problems, outbox, problems, pulled_check, refused, releases, wire
from app.sync.casefile import MAX_FILE_BYTES
from app.foundation import signing
from app.sync.applied import CAN_CHANGE, applied
from app.sync.apply import apply_file
from app.sync.problems import open_conflicts

log = logging.getLogger(__name__)

SKEW_WARN_S = 300  # five minutes: enough to confuse people reading times, never used for ordering
BACKOFF_MAX_S = 900
BUSY_RETRIES = 3  # waits of 1, 2 and 3 s, each after the store's own 5 s busy timeout
# Refusals that are about the file itself: it can never be accepted as it is.
FILE_PROBLEMS = {"bad_signature", "replay", "wrong_dealer", "upgrade_required", "too_old", "not_a_case_file",
                 "truncated", "invalid", "oversize", "unprocessable"}
# The most a counter reads of one answer, on the wire and inflated: an acknowledgement or list
# (refusals of a large file included), a page of other counters' files (one file escaped as JSON text
# may double in size), published settings and packs (base64).
ANSWER_LIMIT = 16 * bounded.MB
PAGE_LIMIT = 2 * MAX_FILE_BYTES + bounded.MB
PUBLISHED_LIMIT = 32 * bounded.MB


class SyncFailed(RecoveryDeskError):
    """This round could not finish; what was not acknowledged waits for the next one."""


class NotConnected(SyncFailed):
    text = QT_TRANSLATE_NOOP("Errors",
        "This counter is not connected to head office yet. Connect it with an enrolment code from "
        "head office (Settings, or `recovery-desk connect --url URL --code CODE`).")


class Offline(SyncFailed):
    text = QT_TRANSLATE_NOOP("Errors",
        "Head office at {url} can't be reached ({reason}). Nothing is lost: {waiting} change(s) wait "
        "in the outbox and go out on the next sync.")


class Unverified(SyncFailed):
    text = QT_TRANSLATE_NOOP("Errors",
        "The answer from {url} could not be verified as head office's (HTTP {status}). A proxy, "
        "captive portal or wrong address may be in the way; nothing was marked as sent.")


class CredentialRefused(SyncFailed):
    text = QT_TRANSLATE_NOOP("Errors",
        "Head office does not accept this counter's credential ({reason}). Ask head office for a new "
        "enrolment code and connect again.")


class AnswerTooLarge(SyncFailed):
    text = QT_TRANSLATE_NOOP("Errors",
        "An answer from {url} was larger than the {limit} MB this counter reads ({which}); it was not read "
        "and nothing of it was used. Nothing is lost: what waits to be sent stays waiting. If this stays, "
        "tell head office.")


class NotWhatWasSent(Unverified):
    text = QT_TRANSLATE_NOOP("Errors",
        "Head office refused a file, but not the one this counter sent: the bytes it received differ from "
        "them (something on the way changed them). File {sequence} stays waiting and is sent again.")


class PullFailed(SyncFailed):
    text = QT_TRANSLATE_NOOP("Errors",
        "A change from head office (number {n}) could not be applied here ({reason}). Nothing of it was "
        "applied; it is tried again on the next sync. If this stays, update Recovery Desk.")


@dataclass(frozen=True)
class RoundReport:
    sent: int = 0
    acked_events: int = 0
    duplicates: int = 0
    rejected: int = 0
    pulled_files: int = 0
    pulled_events: int = 0
    conflicts: int = 0
    published: int = 0
    attachments_sent: int = 0
    attachments_fetched: int = 0
    clock_skew_s: float | None = None
    refused_changes: int = 0  # changes head office refused of files it accepted (Sync problems)
    settled: int = 0  # refused changes head office has now accepted (they leave Sync problems)
    changes: Changes = NOTHING  # what the round changed here: pulled rows, published settings and packs

    def changed(self, what: Changes) -> RoundReport:
        return replace(self, changes=self.changes | what)


@dataclass(frozen=True)
class SyncState:
    """What the status bar shows."""

    connected: bool = False
    online: bool | None = None  # None: not tried yet
    waiting: int = 0  # changes not yet acknowledged
    problems: int = 0
    last_sync: datetime | None = None
    last_error: str = ""
    clock_skew_s: float | None = None
    failures: int = 0

    @property
    def clock_warning(self) -> bool:
        return self.clock_skew_s is not None and abs(self.clock_skew_s) > SKEW_WARN_S


def _store_busy(exc: BaseException) -> bool:
    """Whether a round failed only because another writer held the store's write lock."""
    return isinstance(exc, StoreBusy) or isinstance(exc.__cause__, StoreBusy)


def backoff_delay(interval_s: float, failures: int, rng=random.random) -> float:
    """Wait longer after each failed round (with jitter so counters don't retry in step)."""
    if failures <= 0:
        return interval_s
    return min(BACKOFF_MAX_S, interval_s * 2 ** min(failures, 10)) * (0.75 + 0.5 * rng())


def _meta_get(s, key: str, default: str = "") -> str:
    row = s.get(StoreMeta, key)
    return row.value if row else default


def _meta_put(s, key: str, value: str) -> None:
    row = s.get(StoreMeta, key)
    if row is None:
        s.add(StoreMeta(key=key, value=value))
    else:
        row.value = value


class SyncClient:
    def __init__(self, store, *, url: str | None = None, transport: httpx.BaseTransport | None = None,
                 timeout: float = 15.0) -> None:
        self.store = store
        self.transport, self.timeout = transport, timeout
        with store.session() as s:
            self.url = (url or settings.get(s, "sync.server_url") or "").rstrip("/")
        self._state = SyncState()
        self.purged = 0  # customers a pull anonymised here, since the store was last compacted

    # --- state ---------------------------------------------------------------------------------
    def state(self) -> SyncState:
        c = outbox.counts(self.store)
        connected = bool(self.url) and self._secret(required=False) is not None
        return replace(self._state, connected=connected, waiting=c.unfiled_events + c.waiting_events,
                       problems=(c.rejected_files + found_problems.count(self.store)
                                 + refused.count_open(self.store)),
                       last_sync=self._state.last_sync or c.last_ack)

    def _secret(self, required: bool = True) -> str | None:
        key = secrets.counter_key(self.store.identity.store_id)
        if required:
            return secrets.require(key)
        try:
            return secrets.get(key)
        except secrets.NoSecureKeyring:
            return None

    def _http(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, transport=self.transport, timeout=self.timeout)

    # --- one round -----------------------------------------------------------------------------
    def run_once(self, retries: int = 0, sleep=time.sleep, busy_retries: int = BUSY_RETRIES) -> RoundReport:
        """One round; on a transient failure try again ``retries`` times with growing pauses. A store
        busy with the desk's own writer (a command, an import, a background job) is waited out
        ``busy_retries`` times too: a round is safe to run again (what was sent stays acknowledged,
        a pulled file is applied whole or not at all), and a round that fails only because the lock
        was held a few seconds too long would show the person an error for nothing."""
        attempt = busy = 0
        while True:
            try:
                report = self._round()
            except (Offline, Unverified) as exc:
                self._state = replace(self._state, online=False, last_error=exc.render(),
                                      failures=self._state.failures + 1)
                if attempt == retries:
                    raise
                attempt += 1
                sleep(backoff_delay(1.0, attempt))
                continue
            except (SyncFailed, StoreBusy) as exc:
                if _store_busy(exc) and busy < busy_retries:
                    busy += 1
                    sleep(float(busy))
                    continue
                if isinstance(exc, SyncFailed):
                    self._state = replace(self._state, last_error=exc.render(), failures=self._state.failures + 1)
                raise
            self._state = replace(self._state, online=True, last_sync=utcnow(), last_error="", failures=0,
                                  clock_skew_s=report.clock_skew_s)
            return report

    def _round(self) -> RoundReport:
        if not self.url:
            raise NotConnected()
        secret = self._secret()
        refused.release_corrected(self.store)  # corrected refused changes go out with the correction
        # Files leave as they are filed: the first goes out while the rest of a long offline
        # stretch is still being filed, and earlier files still waiting go before it.
        filing = outbox.filing(self.store, secret)
        next(filing, None)
        report = RoundReport()
        with self._http() as http:
            retry = True
            while True:
                # Attachments first: head office never acknowledges a change whose file it lacks.
                report = self._upload_attachments(http, secret, report, retry=retry)
                for w in outbox.waiting(self.store):
                    report = self._send(http, secret, w, report)
                retry = False
                if next(filing, None) is None:
                    break
            report = self._pull(http, secret, report)
            # Files a pulled change named that head office did not have then: tried again each round.
            report = self._fetch_attachments(http, secret, found_problems.attachments_to_retry(self.store, "fetch"),
                                             report)
            report = self._pull_published(http, secret, report)
        # The conflicts Sync problems lists: head office's count of a sent change kept aside there is
        # the same conflict this counter records when it pulls the other side's change.
        report = replace(report, conflicts=open_conflicts(self.store))
        # What Sync problems lists moved: a refused file or change, a conflict.
        moved = report.rejected or report.refused_changes or report.settled or report.conflicts
        return report.changed(SYNC) if moved else report

    def _offline(self, exc: Exception) -> Offline:
        c = outbox.counts(self.store)
        return Offline(url=self.url, reason=type(exc).__name__ + (f": {exc}" if str(exc) else ""),
                       waiting=c.unfiled_events + c.waiting_events)

    def _send(self, http: httpx.Client, secret: str, w: outbox.WaitingFile, report: RoundReport) -> RoundReport:
        data = w.path.read_bytes()
        if signing.sha256(data) != w.sha256:  # never send a file that changed on disk
            # Kept as text and values, like head office's refusals, so the problems list can translate it.
            outbox.mark_rejected(self.store, w.seq, json.dumps({"code": "changed_on_disk", "text": QT_TRANSLATE_NOOP(
                "Errors", "The outbox file changed on disk after it was written; it was not sent."),
                "params": {}}, ensure_ascii=False))
            return replace(report, rejected=report.rejected + 1)
        nonce = wire.new_nonce()
        outbox.count_attempt(self.store, w.seq)
        r = self._call(http, "POST", wire.API + "/casefiles", ANSWER_LIMIT, content=data, headers={
            "Content-Type": "application/vnd.recovery-desk.case-file+json",
            "X-Counter": self.store.identity.store_id, "X-Nonce": nonce, "X-Client-Time": utcnow().isoformat()})
        body = r.json()
        sealed = wire.opened(secret, nonce, body)
        if sealed is None:
            if r.status_code == 401 and isinstance(body, dict) and "error" in body:
                raise CredentialRefused(reason=body["error"].get("message", ""))
            if r.status_code >= 500:
                raise self._offline(RuntimeError(f"HTTP {r.status_code}"))
            raise Unverified(url=self.url, status=r.status_code)
        if "error" in sealed:
            err = sealed["error"]
            received = err.get("received") if isinstance(err.get("received"), dict) else {}
            if err.get("code") in FILE_PROBLEMS and received.get("sha256") != w.sha256:
                # A refusal of other bytes (a proxy swapped the body): not this file's. It stays waiting.
                raise NotWhatWasSent(url=self.url, status=r.status_code, sequence=w.seq)
            if err.get("code") in FILE_PROBLEMS:
                outbox.mark_rejected(self.store, w.seq, json.dumps(
                    {"code": err.get("code"), "text": err.get("text") or err.get("message", ""),
                     "params": err.get("params") or {}}, ensure_ascii=False))
                return replace(report, rejected=report.rejected + 1)
            raise CredentialRefused(reason=err.get("message", ""))
        ack = sealed.get("data") or {}
        if (ack.get("counter") != self.store.identity.store_id or ack.get("sequence") != w.seq
                or ack.get("sha256") != w.sha256 or ack.get("status") not in ("stored", "duplicate")):
            raise Unverified(url=self.url, status=r.status_code)
        # The file arrived; changes head office refused of it are sync problems, never dropped, and
        # earlier refusals whose changes it took now are settled (app.sync.refused).
        refusals = [r for r in ack.get("refused") or [] if isinstance(r, dict)]
        refused.record_refused(self.store, w.seq, refusals)
        settled = refused.settle(self.store, w.seq, data, refusals)
        kept = [i for i in ack.get("kept_aside") or [] if isinstance(i, str) and 0 < len(i) <= 36]
        if kept:  # named in Sync problems as head office names them
            from app.sync.conflicts import note_kept_aside_at_head_office

            with self.store.session() as s, s.begin():
                note_kept_aside_at_head_office(s, kept)
        outbox.mark_acked(self.store, w.seq)
        skew = _skew(ack.get("server_time"))
        return replace(report, sent=report.sent + 1, acked_events=report.acked_events + w.events,
                       duplicates=report.duplicates + (ack["status"] == "duplicate"),
                       refused_changes=report.refused_changes + len(refusals), settled=report.settled + settled,
                       conflicts=report.conflicts + int(ack.get("conflicts", 0)),
                       clock_skew_s=skew if skew is not None else report.clock_skew_s)

    def _call(self, http: httpx.Client, method: str, target: str, limit: int, **kw) -> bounded.Answer:
        """One request; its answer read within ``limit`` bytes (on the wire and inflated)."""
        try:
            return bounded.request(http, method, target, limit, **kw)
        except bounded.TooLarge as big:
            which = QT_TRANSLATE_NOOP("Errors", "compressed") if big.which == "compressed" else QT_TRANSLATE_NOOP(
                "Errors", "inflated")
            raise AnswerTooLarge(url=self.url, limit=limit // bounded.MB, which=which) from None
        except bounded.UnknownEncoding:
            raise Unverified(url=self.url, status="?") from None
        except httpx.HTTPError as exc:
            raise self._offline(exc) from exc

    def _authed(self, http: httpx.Client, secret: str, method: str, target: str, limit: int = ANSWER_LIMIT,
                **kw) -> tuple[bounded.Answer, str]:
        nonce = wire.new_nonce()
        headers = {"X-Counter": self.store.identity.store_id, "X-Nonce": nonce,
                   "X-Auth": wire.request_mac(secret, method, target, nonce)}
        return self._call(http, method, target, limit, headers=headers, **kw), nonce

    def _get(self, http: httpx.Client, secret: str, target: str, method: str = "GET", **kw) -> dict:
        r, nonce = self._authed(http, secret, method, target, **kw)
        sealed = wire.opened(secret, nonce, r.json())
        if sealed is None or "data" not in sealed:
            if r.status_code == 401:
                raise CredentialRefused(reason=f"HTTP {r.status_code}")
            if r.status_code >= 500:
                raise self._offline(RuntimeError(f"HTTP {r.status_code}"))
            raise Unverified(url=self.url, status=r.status_code)
        return sealed["data"]

    def _sealed(self, http: httpx.Client, secret: str, target: str, method: str, **kw) -> dict:
        """Head office's sealed answer (``data`` or ``error``); anything unsealed raises as in _get."""
        r, nonce = self._authed(http, secret, method, target, **kw)
        sealed = wire.opened(secret, nonce, r.json())
        if sealed is None or ("data" not in sealed and "error" not in sealed):
            if r.status_code == 401:
                raise CredentialRefused(reason=f"HTTP {r.status_code}")
            if r.status_code >= 500:
                raise self._offline(RuntimeError(f"HTTP {r.status_code}"))
            raise Unverified(url=self.url, status=r.status_code)
        return sealed

    def _upload_attachments(self, http: httpx.Client, secret: str, report: RoundReport,
                            retry: bool = True) -> RoundReport:
        """The files waiting changes name, and (``retry``: once a round) those a round failed to
        send, that head office lacks. A file that can't be sent is a sync problem with the reason,
        tried again next round."""
        names = {**(found_problems.attachments_to_retry(self.store, "send") if retry else {}),
                 **attachments.waiting(self.store)}
        if not names:
            return report
        missing = set(self._get(http, secret, f"{wire.API}/attachments/missing", "POST", json=list(names))["missing"])
        sent = self._move_blobs("send", names, lambda sha: sha in missing,
                                lambda sha, name: self._send_blob(http, secret, sha, name))
        return replace(report, attachments_sent=report.attachments_sent + sent)

    def _move_blobs(self, direction: str, names: dict[str, str], needed, move) -> int:
        """``move(sha, name)`` each needed file (it returns None or the reason it failed); a file
        moved or not needed leaves the sync problems, a failure is kept there. How many moved."""
        moved = 0
        for sha, name in names.items():
            need = needed(sha)
            why = move(sha, name) if need else None
            if why is None:
                moved += need
                found_problems.attachment_done(self.store, sha)
            else:
                log.warning("attachment %s (%s) not moved (%s): %s", name, sha, direction, why)
                found_problems.attachment_failed(self.store, sha, direction, name, why)
        return moved

    def _send_blob(self, http: httpx.Client, secret: str, sha: str, name: str) -> str | None:
        """None when head office stored it; otherwise the reason, as kept in the sync problems."""
        short = sha[:12]
        try:
            data = attachments.read_blob(self.store, sha)
        except FileNotFoundError:
            return found_problems.reason("attachment_missing", QT_TRANSLATE_NOOP("Errors",
                "The attachment {name} ({sha}) is named in a case but its file is missing on this counter, so it "
                "can't be sent. Attach the file to the case again."), name=name, sha=short)
        except attachments.BlobTooLarge:
            return found_problems.reason("attachment_too_large", QT_TRANSLATE_NOOP("Errors",
                "The attachment {name} ({sha}) is larger than {limit} MB and was not sent."),
                name=name, sha=short, limit=attachments.MAX_BYTES // (1024 * 1024))
        except attachments.BlobMismatch:
            return found_problems.reason("attachment_damaged", QT_TRANSLATE_NOOP("Errors",
                "The attachment file {name} ({sha}) on this counter no longer matches its SHA-256 (it is damaged) "
                "and was not sent. Attach the original file to the case again."), name=name, sha=short)
        except OSError as exc:
            return found_problems.reason("attachment_unreadable", QT_TRANSLATE_NOOP("Errors",
                "The attachment {name} ({sha}) can't be read on this counter ({error}) and was not sent."),
                name=name, sha=short, error=exc.strerror or type(exc).__name__)
        sealed = self._sealed(http, secret, f"{wire.API}/attachments/{sha}", "PUT", content=data)
        if "error" in sealed:
            err = sealed["error"] if isinstance(sealed["error"], dict) else {}
            return found_problems.reason("attachment_refused", QT_TRANSLATE_NOOP("Errors",
                "Head office refused the attachment {name} ({sha}): {reason}"),
                name=name, sha=short, reason=err.get("message") or err.get("code") or "?")
        return None

    def _fetch_attachments(self, http: httpx.Client, secret: str, wanted: dict[str, str],
                           report: RoundReport) -> RoundReport:
        """Files that changes from other counters name and this counter lacks, verified by their hash."""
        got = self._move_blobs("fetch", wanted, lambda sha: not attachments.have_blob(self.store, sha),
                               lambda sha, name: self._fetch_blob(http, secret, sha, name))
        report = replace(report, attachments_fetched=report.attachments_fetched + got)
        return report.changed(ATTACHMENTS) if got else report

    def _fetch_blob(self, http: httpx.Client, secret: str, sha: str, name: str) -> str | None:
        short = sha[:12]
        target = f"{wire.API}/attachments/{sha}"
        nonce = wire.new_nonce()
        headers = {"X-Counter": self.store.identity.store_id, "X-Nonce": nonce,
                   "X-Auth": wire.request_mac(secret, "GET", target, nonce)}
        try:
            r = bounded.request(http, "GET", target, attachments.MAX_BYTES, headers=headers)
        except bounded.TooLarge:
            return found_problems.reason("attachment_too_large", QT_TRANSLATE_NOOP("Errors",
                "The attachment {name} ({sha}) from head office is larger than {limit} MB and was "
                "not kept."), name=name, sha=short, limit=attachments.MAX_BYTES // (1024 * 1024))
        except bounded.UnknownEncoding:
            r = bounded.Answer(415, b"")
        except httpx.HTTPError as exc:
            raise self._offline(exc) from exc
        status = r.status_code
        if status == 404:
            return found_problems.reason("attachment_not_at_hq", QT_TRANSLATE_NOOP("Errors",
                "The attachment {name} ({sha}) is not at head office yet (the counter that added it has not sent "
                "it); it is fetched on a later sync."), name=name, sha=short)
        if status == 403:
            return found_problems.reason("attachment_forbidden", QT_TRANSLATE_NOOP("Errors",
                "Head office refused the attachment {name} ({sha}) to this counter: it is not on a case of this "
                "dealer."), name=name, sha=short)
        if status != 200:
            return found_problems.reason("attachment_fetch_failed", QT_TRANSLATE_NOOP("Errors",
                "The attachment {name} ({sha}) could not be fetched from head office (HTTP {status}); it is tried "
                "again on the next sync."), name=name, sha=short, status=status)
        try:
            attachments.keep_blob(self.store, r.body, sha)  # the hash is the proof
        except attachments.BlobMismatch:
            return found_problems.reason("attachment_damaged", QT_TRANSLATE_NOOP("Errors",
                "The attachment {name} ({sha}) from head office did not match its SHA-256; it was not kept and is "
                "fetched again on the next sync."), name=name, sha=short)
        return None

    def _pull(self, http: httpx.Client, secret: str, report: RoundReport) -> RoundReport:
        """Other counters' case files for this dealer, applied exactly as head office applied them."""
        while True:
            with self.store.session() as s:
                after = int(_meta_get(s, "sync.pull_cursor", "0"))
            data = self._get(http, secret, f"{wire.API}/changes?after={after}", limit=PAGE_LIMIT)
            for f in data.get("files", []):
                doc = self._checked_pull(f)
                if doc is None:  # refused here, listed in Sync problems: the next file is applied
                    continue
                cf_events, records = doc["events"], doc["records"]
                if doc["dealer"]["id"] == self.store.identity.home_dealer_id:
                    report = self._fetch_attachments(http, secret, attachments.named_in(cf_events), report)
                try:
                    with self.store.session() as s, s.begin():
                        # The write lock first, so a case command at this counter can't slip in
                        # between reading the cases' histories and writing the pulled changes.
                        take_write_lock(s)
                        if doc["dealer"]["id"] == self.store.identity.home_dealer_id:
                            res = apply_file(s, doc["dealer"]["id"], cf_events, records)
                            report = replace(report, pulled_files=report.pulled_files + 1,
                                             pulled_events=report.pulled_events + res.events_new,
                                             conflicts=report.conflicts + len(res.conflicts))
                            if res.events_new or res.conflicts:
                                report = report.changed(applied(cf_events, records, conflicts=len(res.conflicts)))
                            self.purged += res.purged
                        _meta_put(s, "sync.pull_cursor", str(f["n"]))
                except (SQLAlchemyError, StoreBusy, ValueError, KeyError, TypeError) as exc:
                    # Nothing of it was applied and the cursor stays: it is tried again next round.
                    raise PullFailed(n=f["n"], reason=str(exc).splitlines()[0][:200]) from exc
            with self.store.session() as s, s.begin():
                _meta_put(s, "sync.pull_cursor", str(max(after, int(data.get("cursor", after)))))
            if not data.get("more"):
                if self.purged:  # what a pulled purge replaced stays in no free page, WAL frame or newest backup
                    purging.after_purge(self.store)
                    self.purged = 0
                return report

    def _checked_pull(self, f: dict) -> dict | None:
        """The pulled file's document, or None when this counter refuses it (a Sync problem): the pull
        goes on past it, so one bad file never stops a counter's pulls."""
        doc = pulled_check.document(self.store, f)
        if doc is None and isinstance(f.get("n") if isinstance(f, dict) else None, int):
            with self.store.session() as s, s.begin():
                _meta_put(s, "sync.pull_cursor", str(f["n"]))
        return doc

    def _pull_published(self, http: httpx.Client, secret: str, report: RoundReport) -> RoundReport:
        with self.store.session() as s:
            after = int(_meta_get(s, "sync.published_cursor", "0"))
        # How this counter is, for head office's window: changes waiting, Sync problems, program version.
        c = outbox.counts(self.store)
        health = (f"&waiting={c.unfiled_events + c.waiting_events}&problems={len(problems.list_problems(self.store))}"
                  f"&version={__version__}")
        data = self._get(http, secret, f"{wire.API}/published?after={after}{health}", limit=PUBLISHED_LIMIT)
        for item in data.get("items", []):
            content = base64.b64decode(item["content"])
            if item.get("kind") == releases.KIND:  # a program update: app/sync/releases.py
                got = releases.take(self.store, http, secret, item, content, offline=self._offline)
                if got != releases.SKIPPED:
                    report = replace(report, published=report.published + (got == releases.STAGED)).changed(SYNC)
                with self.store.session() as s, s.begin():
                    _meta_put(s, "sync.published_cursor", str(item["n"]))
                continue
            if item.get("kind") != "settings":
                report = self._take_pack(item, content, report)
                with self.store.session() as s, s.begin():
                    _meta_put(s, "sync.published_cursor", str(item["n"]))
                continue
            with self.store.session() as s, s.begin():
                take_write_lock(s)  # the audit trail's next number is read and written in one go
                if signing.sha256(content) != item["sha256"]:
                    log.warning("published %s v%s: hash mismatch, not used", item["name"], item["version"])
                else:
                    try:
                        for key, value in check_settings(json.loads(content)["settings"]).items():
                            old = settings.get(s, key)
                            new = settings.put(s, key, value, source="hq")
                            if new != old:  # in the counter's audit trail: head office changed it
                                trail.record(s, self.store.identity, "setting.published",
                                             {"key": key, "old": old, "new": new, "publication": item["name"]})
                        report = replace(report, published=report.published + 1).changed(SETTINGS)
                    except (RecoveryDeskError, ValueError, KeyError, TypeError) as exc:
                        # e.g. a setting a newer head office knows and this program doesn't: not used
                        log.warning("published %s v%s not used: %s", item["name"], item["version"], exc)
                _meta_put(s, "sync.published_cursor", str(item["n"]))
        return report

    def _take_pack(self, item: dict, content: bytes, report: RoundReport) -> RoundReport:
        """A published script pack, verified again here (checksum, then the full validation) and made
        the active pack as `scripts install` does; a damaged, broken or not newer one is refused,
        listed in the sync problems, and the last good pack stays in use."""
        from app.scripts.library import PackNotNewer, library_for
        from app.scripts.pack import PackRejected

        name, version = str(item.get("name", "?")), item.get("version", "?")
        lib = library_for(Path(self.store.path).parent)
        why = None
        if signing.sha256(content) != item.get("sha256"):
            why = found_problems.reason("pack_checksum", QT_TRANSLATE_NOOP("Errors",
                "The script pack {name} version {version} from head office was refused: its checksum does not "
                "match what head office published (damaged or tampered with on the way). Still in use: {active}."),
                name=name, version=version, active=lib.pack.label)
        else:
            try:
                lib.install_bytes(content, f"{name}@{version}", "hq", published_at=str(item.get("published_at", "")),
                                  only_newer=True)
            except PackNotNewer:
                why = found_problems.reason("pack_not_newer", QT_TRANSLATE_NOOP("Errors",
                    "The script pack {name} version {version} from head office was refused: it is not newer than "
                    "the pack in use ({active}), which stays in use."), name=name, version=version,
                    active=lib.pack.label)
            except PackRejected as exc:
                why = found_problems.reason("pack_broken", QT_TRANSLATE_NOOP("Errors",
                    "The script pack {name} version {version} from head office was refused: {problems}. "
                    "Still in use: {active}."), name=name, version=version, active=lib.pack.label,
                    problems="; ".join(exc.details())[:2000])
        if why is not None:
            log.warning("published script pack %s v%s refused: %s", name, version, why)
            found_problems.pack_refused(self.store, name, version, why)
            return report.changed(SYNC)
        found_problems.packs_cleared(self.store)  # a good pack is in use: earlier refusals are behind it
        trail.note(self.store, "scripts.installed", {"pack": lib.pack.label, "source": "hq",
                                                     "sha256": lib.origin.sha256})
        return replace(report, published=report.published + 1).changed(SCRIPTS)


# A round says what it applied in its report (RoundReport.changes); this is all it may say.
register_change(f"{__name__}.SyncClient.run_once", CAN_CHANGE | SETTINGS | SCRIPTS | ATTACHMENTS | SYNC)


def _skew(server_time: str | None) -> float | None:
    if not server_time:
        return None
    try:
        return (utcnow() - datetime.fromisoformat(server_time)).total_seconds()
    except (TypeError, ValueError):
        return None
