"""The counter's side of sync: one round sends waiting case files, pulls the dealer's changes from
its other counters and what head office published. Qt-free; app/ui/sync_controller.py runs it.

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

from app import secrets
from app.errors import RecoveryDeskError, StoreBusy
from app.i18n_marks import QT_TRANSLATE_NOOP
from app.models import StoreMeta, utcnow
from app.services import settings
from app.services.uow import take_write_lock
from app.sync import attachments, casefile, outbox, problems, wire
from app.sync.apply import apply_file

log = logging.getLogger(__name__)

SKEW_WARN_S = 300  # five minutes: enough to confuse people reading times, never used for ordering
BACKOFF_MAX_S = 900
# Refusals that are about the file itself: it can never be accepted as it is.
FILE_PROBLEMS = {"bad_signature", "replay", "wrong_dealer", "upgrade_required", "too_old", "not_a_case_file",
                 "truncated", "invalid", "oversize"}


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
    clock_skew_s: float | None = None
    refused_changes: int = 0  # changes head office refused of files it accepted (Sync problems)


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

    # --- state ---------------------------------------------------------------------------------
    def state(self) -> SyncState:
        c = outbox.counts(self.store)
        connected = bool(self.url) and self._secret(required=False) is not None
        return replace(self._state, connected=connected, waiting=c.unfiled_events + c.waiting_events,
                       problems=c.rejected_files + problems.count_refused(self.store), last_sync=self._state.last_sync or c.last_ack)

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
    def run_once(self, retries: int = 0, sleep=time.sleep) -> RoundReport:
        """One round; on a transient failure try again ``retries`` times with growing pauses."""
        for attempt in range(retries + 1):
            try:
                report = self._round()
            except (Offline, Unverified) as exc:
                self._state = replace(self._state, online=False, last_error=exc.render(),
                                      failures=self._state.failures + 1)
                if attempt == retries:
                    raise
                sleep(backoff_delay(1.0, attempt + 1))
                continue
            except SyncFailed as exc:
                self._state = replace(self._state, last_error=exc.render(), failures=self._state.failures + 1)
                raise
            self._state = replace(self._state, online=True, last_sync=utcnow(), last_error="", failures=0,
                                  clock_skew_s=report.clock_skew_s)
            return report
        raise AssertionError("unreachable")

    def _round(self) -> RoundReport:
        if not self.url:
            raise NotConnected()
        secret = self._secret()
        problems.release_corrected(self.store)  # corrected refused changes go out with the correction
        outbox.file_waiting(self.store, secret)
        report = RoundReport()
        with self._http() as http:
            # Attachments first: head office never acknowledges a change whose file it lacks.
            report = self._upload_attachments(http, secret, report)
            for w in outbox.waiting(self.store):
                report = self._send(http, secret, w, report)
            report = self._pull(http, secret, report)
            report = self._pull_published(http, secret, report)
        return report

    def _offline(self, exc: Exception) -> Offline:
        c = outbox.counts(self.store)
        return Offline(url=self.url, reason=type(exc).__name__ + (f": {exc}" if str(exc) else ""),
                       waiting=c.unfiled_events + c.waiting_events)

    def _send(self, http: httpx.Client, secret: str, w: outbox.WaitingFile, report: RoundReport) -> RoundReport:
        data = w.path.read_bytes()
        if casefile.sha256(data) != w.sha256:  # never send a file that changed on disk
            # Kept as text and values, like head office's refusals, so the problems list can translate it.
            outbox.mark_rejected(self.store, w.seq, json.dumps({"code": "changed_on_disk", "text": QT_TRANSLATE_NOOP(
                "Errors", "The outbox file changed on disk after it was written; it was not sent."),
                "params": {}}, ensure_ascii=False))
            return replace(report, rejected=report.rejected + 1)
        nonce = wire.new_nonce()
        outbox.count_attempt(self.store, w.seq)
        try:
            r = http.post(wire.API + "/casefiles", content=data, headers={
                "Content-Type": "application/vnd.recovery-desk.case-file+json",
                "X-Counter": self.store.identity.store_id, "X-Nonce": nonce, "X-Client-Time": utcnow().isoformat()})
        except httpx.HTTPError as exc:
            raise self._offline(exc) from exc
        body = _json(r)
        sealed = wire.opened(secret, nonce, body)
        if sealed is None:
            if r.status_code == 401 and isinstance(body, dict) and "error" in body:
                raise CredentialRefused(reason=body["error"].get("message", ""))
            if r.status_code >= 500:
                raise self._offline(RuntimeError(f"HTTP {r.status_code}"))
            raise Unverified(url=self.url, status=r.status_code)
        if "error" in sealed:
            err = sealed["error"]
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
        # The file arrived; changes head office refused of it are sync problems, never dropped.
        refused = ack.get("refused") or []
        problems.record_refused(self.store, w.seq, [r for r in refused if isinstance(r, dict)])
        outbox.mark_acked(self.store, w.seq)
        skew = _skew(ack.get("server_time"))
        return replace(report, sent=report.sent + 1, acked_events=report.acked_events + w.events,
                       duplicates=report.duplicates + (ack["status"] == "duplicate"),
                       refused_changes=report.refused_changes + len(refused),
                       conflicts=report.conflicts + int(ack.get("conflicts", 0)),
                       clock_skew_s=skew if skew is not None else report.clock_skew_s)

    def _authed(self, http: httpx.Client, secret: str, method: str, target: str, **kw) -> tuple[httpx.Response, str]:
        nonce = wire.new_nonce()
        headers = {"X-Counter": self.store.identity.store_id, "X-Nonce": nonce,
                   "X-Auth": wire.request_mac(secret, method, target, nonce)}
        try:
            return http.request(method, target, headers=headers, **kw), nonce
        except httpx.HTTPError as exc:
            raise self._offline(exc) from exc

    def _get(self, http: httpx.Client, secret: str, target: str, method: str = "GET", **kw) -> dict:
        r, nonce = self._authed(http, secret, method, target, **kw)
        sealed = wire.opened(secret, nonce, _json(r))
        if sealed is None or "data" not in sealed:
            if r.status_code == 401:
                raise CredentialRefused(reason=f"HTTP {r.status_code}")
            if r.status_code >= 500:
                raise self._offline(RuntimeError(f"HTTP {r.status_code}"))
            raise Unverified(url=self.url, status=r.status_code)
        return sealed["data"]

    def _upload_attachments(self, http: httpx.Client, secret: str, report: RoundReport) -> RoundReport:
        hashes = attachments.waiting_hashes(self.store)
        if not hashes:
            return report
        missing = self._get(http, secret, f"{wire.API}/attachments/missing", "POST", json=hashes)["missing"]
        for sha in missing:
            path = attachments.blob_path(self.store, sha)
            if not path.exists():
                log.warning("attachment %s named in a change is missing on this counter", sha)
                continue
            self._get(http, secret, f"{wire.API}/attachments/{sha}", "PUT", content=path.read_bytes())
        return replace(report, attachments_sent=report.attachments_sent + len(missing))

    def _fetch_attachments(self, http: httpx.Client, secret: str, events: list[dict]) -> None:
        for sha in sorted(attachments.named_in(events)):
            try:
                path = attachments.blob_path(self.store, sha)
            except ValueError:
                continue
            if path.exists():
                continue
            r, _ = self._authed(http, secret, "GET", f"{wire.API}/attachments/{sha}")
            if r.status_code == 200 and casefile.sha256(r.content) == sha:  # the hash is the proof
                attachments.keep_blob(self.store, r.content)

    def _pull(self, http: httpx.Client, secret: str, report: RoundReport) -> RoundReport:
        """Other counters' case files for this dealer, applied exactly as head office applied them."""
        while True:
            with self.store.session() as s:
                after = int(_meta_get(s, "sync.pull_cursor", "0"))
            data = self._get(http, secret, f"{wire.API}/changes?after={after}")
            for f in data.get("files", []):
                doc = json.loads(f["content"])
                cf_events, records = doc["events"], doc["records"]
                self._fetch_attachments(http, secret, cf_events)
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
                        _meta_put(s, "sync.pull_cursor", str(f["n"]))
                except (SQLAlchemyError, StoreBusy, ValueError, KeyError, TypeError) as exc:
                    # Nothing of it was applied and the cursor stays: it is tried again next round.
                    raise PullFailed(n=f["n"], reason=str(exc).splitlines()[0][:200]) from exc
            with self.store.session() as s, s.begin():
                _meta_put(s, "sync.pull_cursor", str(max(after, int(data.get("cursor", after)))))
            if not data.get("more"):
                return report

    def _pull_published(self, http: httpx.Client, secret: str, report: RoundReport) -> RoundReport:
        from app.hq.publish import check_settings

        with self.store.session() as s:
            after = int(_meta_get(s, "sync.published_cursor", "0"))
        data = self._get(http, secret, f"{wire.API}/published?after={after}")
        for item in data.get("items", []):
            content = base64.b64decode(item["content"])
            if casefile.sha256(content) != item["sha256"]:
                log.warning("published %s v%s: hash mismatch, not used", item["name"], item["version"])
                continue
            with self.store.session() as s, s.begin():
                try:
                    if item["kind"] == "settings":
                        for key, value in check_settings(json.loads(content)["settings"]).items():
                            settings.put(s, key, value, source="hq")
                    else:
                        install_script_pack(self.store, item["name"], item["version"], item["sha256"], content)
                    report = replace(report, published=report.published + 1)
                except (RecoveryDeskError, ValueError, KeyError, TypeError) as exc:
                    # e.g. a setting a newer head office knows and this program doesn't: not used
                    log.warning("published %s v%s not used: %s", item["name"], item["version"], exc)
                _meta_put(s, "sync.published_cursor", str(item["n"]))
        return report


def published_dir(store) -> Path:
    return Path(store.path).parent / "published"


def install_script_pack(store, name: str, version: int, sha: str, content: bytes) -> Path:
    """Keep a verified script pack in the data dir, with a manifest of versions and hashes."""
    folder = published_dir(store)
    safe = Path(name).name
    target = folder / safe
    casefile.write_atomic(target, content)
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text("utf-8")) if manifest_path.exists() else {}
    manifest[safe] = {"version": version, "sha256": sha, "installed_at": utcnow().isoformat()}
    casefile.write_atomic(manifest_path, json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
    return target


def _json(r: httpx.Response):
    try:
        return r.json()
    except (ValueError, UnicodeDecodeError):
        return None


def _skew(server_time: str | None) -> float | None:
    if not server_time:
        return None
    try:
        return (utcnow() - datetime.fromisoformat(server_time)).total_seconds()
    except (TypeError, ValueError):
        return None
