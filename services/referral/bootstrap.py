"""The only place the referral service's concrete adapters are built."""

from __future__ import annotations

from dataclasses import dataclass

from jingkang.common.adapters.consistency import ProjectionReport
from jingkang.common.adapters.crypto import KeyWrapper
from jingkang.common.adapters.idempotency import IdempotencyStore
from jingkang.common.domain.clock import Clock, system_clock
from jingkang.common.adapters.region_overrides import load_region_table
from jingkang.common.runtime import ServiceRuntime
from jingkang.common.web.auth import service_token_source
from jingkang_events import EventStore, EventTypes, FeedConsumer, connect

from .adapters.answers import CaseAnswers
from .adapters.case_queries import CaseQueries
from .adapters.case_repository import CaseRepository
from .adapters.directory import InstitutionDirectory, apply_registry_event
from .adapters.http_answers import HttpAnswers
from .adapters.person_keys import PersonKeys
from .adapters.person_streams import PersonStreams
from .adapters.protection import DataKeys
from .adapters.read_model_check import check_read_model
from .application.erasure import PersonErasure
from .application.placement import PlacementOptions
from .application.queries import CaseReads
from .application.service import CaseService
from .config import Settings
from jingkang.common.domain.calendar import china
from .domain.events import EVENT_TYPES, PersonErased
from .domain.rules import Rules
from .domain.upcasting import UPCASTERS



def event_types() -> EventTypes:
    """Every event type the referral store writes or may find stored, with its upcasters."""
    types = EventTypes()
    for name, model in EVENT_TYPES.items():
        types.register(name, model.SCHEMA_VERSION)
    types.register("PersonErased", PersonErased.SCHEMA_VERSION)
    for (name, version), upcaster in UPCASTERS.items():
        types.add_upcaster(name, version, upcaster)
    return types


def rules_from(settings: Settings) -> Rules:
    return Rules(reconfirm_after_months=settings.reconfirm_after_months,
                 review_working_days=settings.review_working_days,
                 dispatch_working_days=settings.dispatch_working_days,
                 reassessment_interval_months=settings.reassessment_interval_months,
                 follow_up_within_months=settings.follow_up_within_months,
                 high_risk_level=settings.high_risk_level)


@dataclass
class ReferralRuntime(ServiceRuntime):
    cases: CaseService | None = None
    case_reads: CaseReads | None = None
    erasure: PersonErasure | None = None
    placement: PlacementOptions | None = None


async def build_runtime(settings: Settings, clock: Clock | None = None) -> ReferralRuntime:
    clock = clock or system_clock
    db = await connect(settings.database_url)
    store = EventStore(db, event_types(), clock=clock, poll_interval=settings.feed_poll_seconds,
                       ledger_key=settings.ledger())
    rules = rules_from(settings)
    keys = DataKeys(KeyWrapper(settings.master_key_bytes()))
    repo = CaseRepository(db, store, rules, keys)
    directory_consumer = FeedConsumer(
        "institution_directory", settings.registry_url, db, apply_registry_event,
        token=service_token_source(settings, "referral"))
    answers = CaseAnswers(db, IdempotencyStore(db), keys)
    writer = HttpAnswers()
    cases = CaseService(
        db, repo, answers, InstitutionDirectory(db), writer=writer, rules=rules,
        calendar=china(), regions=load_region_table(settings.region_overrides_file), clock=clock,
        person_keys=PersonKeys(settings.person_key_secret.get_secret_value().encode()))
    reads = CaseReads(repo, CaseQueries(db, rules.high_risk_level, repo.from_row), store, rules,
                      clock)
    runtime = ReferralRuntime("referral", db, store, [directory_consumer], cases, reads,
                              PersonErasure(db, repo, keys, PersonStreams(store), answers,
                                            writer, clock))
    runtime.placement = PlacementOptions(reads, db, InstitutionDirectory(db))
    runtime.checkpoint_interval = settings.checkpoint_interval_seconds
    return runtime


async def check_projections(settings: Settings) -> list[ProjectionReport]:
    """``jingkang verify``: the case read model against the fold of the case streams."""
    db = await connect(settings.database_url)
    try:
        repo = CaseRepository(db, EventStore(db, event_types()), rules_from(settings),
                              DataKeys(KeyWrapper(settings.master_key_bytes())))
        return [await check_read_model(db, repo)]
    finally:
        await db.close()
