"""The import itself: check every row against the register (writing nothing), then write the valid ones.

`analyse` turns a table into one plan per data row (new, update with its diff, unchanged, rejected with
its reasons). `RegisterWriter` writes plans with bulk inserts: owners, then enterprises, then NIB
licences, then the job's rows. Bulk writes send no model signals, so the audit trail gets one entry per
job (its status) rather than one per row.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from sahabat.core.money import rupiah
from sahabat.regions.models import Region
from sahabat.regions.selectors import RegionIndex
from sahabat.registry.imports import bulk
from sahabat.registry.imports.matching import RegisterSnapshot, enterprises_by_id, owners_by_id, similar_names
from sahabat.registry.imports.reader import Table, cell_for_json
from sahabat.registry.imports.rows import ParsedRow, RowError, RowParser
from sahabat.registry.models import Enterprise, ImportJob, ImportRow, Licence, Owner, Sector
from sahabat.registry.scale import Scale
from sahabat.registry.services import enterprise_derive
from sahabat.registry.validators import mask_identifier

Outcome = ImportRow.Outcome
Progress = Callable[[int, int], None]

BATCH_SIZE = 1000
PROGRESS_EVERY = 1000
MONEY_FIELDS = frozenset({"capital", "annual_turnover"})
# Owner attributes compared with the register, and those shown only masked in a diff.
OWNER_COMPARED = {
    "name": "owner_name",
    "phone": "phone",
    "email": "email",
    "address": "owner_address",
    "has_disability": "has_disability",
    "sex": "sex",
}
OWNER_SECRET = frozenset({"phone", "email", "address"})
# Attributes that change together when the owner's NIK or phone is set.
NIK_ATTRIBUTES = ("nik", "nik_index", "nik_masked", "sex", "birth_date")
PHONE_ATTRIBUTES = ("phone", "phone_index")
# The row's enterprise values that are Region instances (RowParser._place).
PLACE_FIELDS = ("district", "village")


@dataclass(slots=True)
class RowPlan:
    row: ParsedRow
    outcome: str = Outcome.NEW
    enterprise_id: int | None = None
    # The owner to link: an existing one (owner_id) or one created by this file (owner_key, shared by
    # the file's rows with the same NIK).
    owner_id: int | None = None
    owner_key: str | None = None
    creates_owner: bool = False
    enterprise_changes: dict[str, Any] = field(default_factory=dict)
    owner_changes: dict[str, Any] = field(default_factory=dict)
    nib_changed: bool = False
    changes: dict[str, list] = field(default_factory=dict)

    def reject(self, name: str, code: str, message: str, column: str = "") -> None:
        self.row.errors.append(RowError(field=name, column=column, code=code, message=message))
        self.outcome = Outcome.REJECTED


@dataclass
class Analysis:
    plans: list[RowPlan]
    skipped: int = 0

    def count(self, outcome: str) -> int:
        return sum(1 for plan in self.plans if plan.outcome == outcome)


@contextmanager
def gc_paused():
    """Python's cycle collector off while a file is checked and written (usable as a decorator).

    An import keeps a few objects per cell alive until it ends, and every full collection walks all of
    them again: on a 100,000-row file that was a quarter of the import's time. Reference counting still
    frees what is dropped (the pipeline keeps no reference cycles of its own; the few that appear are
    collected once the collector is back on, afterwards, unless something else had switched it off).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _display(name: str, value: Any) -> Any:
    """A value as people read it in the diff; JSON-safe."""
    if value is None or value == "":
        return None
    if name in MONEY_FIELDS:
        return rupiah(value)
    if isinstance(value, Region):
        return value.name
    if name == "sector":
        return str(Sector(value).label)
    if name == "reported_scale":
        return str(Scale(value).label)
    if name == "kbli_codes":
        return ", ".join(value)
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    return value


def _masked(value: str) -> str | None:
    return mask_identifier(value, keep_start=2, keep_end=2) if value else None


class Analyser:
    """Plans every row of one file against one snapshot of the region's register."""

    def __init__(self, *, region: Region, table: Table, mapping: dict[int, str]) -> None:
        self.region = region
        self.table = table
        self.parser = RowParser(
            region=region,
            region_index=RegionIndex.for_regency(region),
            mapping=mapping,
            headers=table.headers,
            formula_cells=table.formula_cells,
        )
        self.snapshot = RegisterSnapshot(region)
        self.rows_by_nib: dict[str, int] = {}
        self.rows_by_enterprise: dict[int, int] = {}
        self.names_by_nik: dict[str, list[tuple[int, str]]] = {}
        # nik_index → (row number, owner) for owners this file creates.
        self.new_owners: dict[str, tuple[int, Owner]] = {}
        self.owner_updates: dict[int, tuple[int, dict]] = {}

    def run(self, progress: Progress | None = None) -> Analysis:
        analysis = Analysis(plans=[])
        total = self.table.row_count
        for done, (number, cells) in enumerate(self.table.rows, start=1):
            if self.parser.skip_reason(cells):
                analysis.skipped += 1
            else:
                plan = RowPlan(self.parser.parse(number, cells))
                if plan.row.errors:
                    plan.outcome = Outcome.REJECTED
                else:
                    self._match(plan)
                analysis.plans.append(plan)
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, total)
        self._compare(analysis.plans)
        if progress:
            progress(total, total)
        return analysis

    def _match(self, plan: RowPlan) -> None:
        row = plan.row
        nik = row.owner.nik_index if row.owner else ""
        enterprise_id = None
        if row.nib:
            if row.nib in self.rows_by_nib:
                plan.reject(
                    "nib",
                    "nib.duplicate_in_file",
                    _("Row %(row)d has the same NIB.") % {"row": self.rows_by_nib[row.nib]},
                    column=self.parser.header.get("nib", ""),
                )
                return
            self.rows_by_nib[row.nib] = row.number
            enterprise_id = self.snapshot.enterprise_by_nib.get(row.nib)
        if enterprise_id is None and nik:
            owner_id = self.snapshot.owner_by_nik.get(nik)
            if owner_id is not None:
                enterprise_id = self.snapshot.enterprise_by_owner_and_name(owner_id, row.label)
            if enterprise_id is None and not row.nib:
                for other_number, other_name in self.names_by_nik.get(nik, ()):
                    if similar_names(row.label, other_name):
                        plan.reject(
                            "name",
                            "row.duplicate_in_file",
                            _("This row repeats row %(row)d: the same NIK and a similar business name.")
                            % {"row": other_number},
                        )
                        return
            self.names_by_nik.setdefault(nik, []).append((row.number, row.label))
        if enterprise_id is not None:
            if enterprise_id in self.rows_by_enterprise:
                plan.reject(
                    "name",
                    "row.duplicate_in_file",
                    _("This row and row %(row)d are the same enterprise of the register.")
                    % {"row": self.rows_by_enterprise[enterprise_id]},
                )
                return
            self.rows_by_enterprise[enterprise_id] = row.number
            plan.enterprise_id = enterprise_id
            plan.outcome = Outcome.UPDATE
        elif row.owner is not None:
            self._owner_for_new(plan)

    def _owner_for_new(self, plan: RowPlan) -> None:
        row = plan.row
        nik = row.owner.nik_index
        if nik and nik in self.snapshot.owner_by_nik:
            plan.owner_id = self.snapshot.owner_by_nik[nik]
        elif nik and nik in self.new_owners:
            first_number, first = self.new_owners[nik]
            differing = [
                str(self.parser.header.get(column) or column)
                for attribute, column in OWNER_COMPARED.items()
                if attribute in row.owner_given
                and getattr(row.owner, attribute) != getattr(first, attribute)
                and attribute not in ("phone",)
            ]
            if "phone" in row.owner_given and row.owner.phone_index != first.phone_index:
                differing.append(str(self.parser.header.get("phone") or "phone"))
            if differing:
                plan.reject(
                    "nik",
                    "nik.conflict_in_file",
                    _("Row %(row)d has the same NIK with other owner details (%(columns)s).")
                    % {"row": first_number, "columns": ", ".join(differing)},
                )
                return
            plan.owner_key = nik
        else:
            plan.owner_key = nik or f"row:{row.number}"
            plan.creates_owner = True
            if nik:
                self.new_owners[nik] = (row.number, row.owner)

    def _compare(self, plans: list[RowPlan]) -> None:
        """Load the matched records (one query per 900) and turn each match into its diff."""
        matched = [
            plan for plan in plans if plan.enterprise_id is not None and plan.outcome != Outcome.REJECTED
        ]
        enterprises = enterprises_by_id(self.region, [plan.enterprise_id for plan in matched])
        linked = [plan for plan in plans if plan.owner_id is not None and plan.outcome == Outcome.NEW]
        owners = owners_by_id(self.region, [plan.owner_id for plan in linked])
        for plan in matched:
            self._diff_enterprise(plan, enterprises[plan.enterprise_id])
        for plan in linked:
            self._diff_owner(plan, owners[plan.owner_id])

    def _diff_enterprise(self, plan: RowPlan, enterprise: Enterprise) -> None:
        row = plan.row
        for name, new in row.enterprise.items():
            old = getattr(enterprise, name)
            if isinstance(new, Region):
                if getattr(enterprise, f"{name}_id") != new.pk:
                    plan.enterprise_changes[name] = new
                    plan.changes[name] = [_display(name, old), _display(name, new)]
            elif old != new:
                plan.enterprise_changes[name] = new
                plan.changes[name] = [_display(name, old), _display(name, new)]
        old_nib = self.snapshot.nib_of_enterprise.get(enterprise.pk)
        if row.nib and row.nib != old_nib:
            plan.nib_changed = True
            plan.changes["nib"] = [old_nib, row.nib]
        if row.owner is not None:
            if enterprise.owner is None:
                self._link_owner(plan)
            else:
                plan.owner_id = enterprise.owner_id
                self._diff_owner(plan, enterprise.owner)
        if plan.outcome == Outcome.UPDATE and not plan.changes:
            plan.outcome = Outcome.UNCHANGED

    def _link_owner(self, plan: RowPlan) -> None:
        self._owner_for_new(plan)
        if plan.outcome == Outcome.REJECTED:
            return
        plan.enterprise_changes["owner"] = True
        plan.changes["owner_name"] = [None, plan.row.owner.name]

    def _diff_owner(self, plan: RowPlan, owner: Owner) -> None:
        given, new = plan.row.owner_given, plan.row.owner
        changes: dict[str, Any] = {}
        if "nik" in given and new.nik_index != owner.nik_index:
            if owner.nik_index:
                plan.reject(
                    "nik",
                    "nik.owner_mismatch",
                    _(
                        "This NIK differs from the NIK of the enterprise's owner in the register. "
                        "Correct the file, "
                        "or change the owner in the register first."
                    ),
                    column=self.parser.header.get("nik", ""),
                )
                return
            if new.nik_index in self.snapshot.owner_by_nik or new.nik_index in self.new_owners:
                plan.reject(
                    "nik",
                    "nik.taken",
                    _("This NIK belongs to another owner in the register."),
                    column=self.parser.header.get("nik", ""),
                )
                return
            changes.update({attribute: getattr(new, attribute) for attribute in NIK_ATTRIBUTES})
            plan.changes["nik"] = [None, new.nik_masked]
        if "phone" in given and new.phone_index != owner.phone_index:
            changes.update({attribute: getattr(new, attribute) for attribute in PHONE_ATTRIBUTES})
            plan.changes["phone"] = [_masked(owner.phone), _masked(new.phone)]
        for attribute, column in OWNER_COMPARED.items():
            if (
                attribute in given
                and attribute != "phone"
                and getattr(new, attribute) != getattr(owner, attribute)
            ):
                old_value, new_value = getattr(owner, attribute), getattr(new, attribute)
                if attribute == "sex" and "nik" in changes:
                    continue
                changes[attribute] = new_value
                if attribute in OWNER_SECRET:
                    plan.changes[column] = [_masked(old_value), _masked(new_value)]
                elif attribute == "sex":
                    plan.changes[column] = [owner.get_sex_display() or None, str(Owner.Sex(new_value).label)]
                else:
                    plan.changes[column] = [_display(column, old_value), _display(column, new_value)]
        if not changes:
            return
        earlier = self.owner_updates.get(owner.pk)
        if earlier is not None and earlier[1] != changes:
            plan.changes.clear()
            plan.reject(
                "owner_name",
                "owner.conflict_in_file",
                _("Row %(row)d changes the same owner in another way.") % {"row": earlier[0]},
            )
            return
        self.owner_updates.setdefault(owner.pk, (plan.row.number, changes))
        plan.owner_changes = changes


def analyse(
    *, region: Region, table: Table, mapping: dict[int, str], progress: Progress | None = None
) -> Analysis:
    return Analyser(region=region, table=table, mapping=mapping).run(progress)


def rejection_reasons(errors: list[dict]) -> str:
    """The Indonesian reasons of a rejected row, one sentence per problem, for the rejected-rows file."""
    return "; ".join(
        f"{error['column']}: {error['message']}" if error.get("column") else error["message"]
        for error in errors
    )


def import_row_for(job: ImportJob, plan: RowPlan, *, applied: bool) -> ImportRow:
    rejected = plan.outcome == Outcome.REJECTED
    owner = plan.row.owner if plan.outcome == Outcome.NEW else None
    return bulk.instantiate(
        ImportRow,
        job_id=job.pk,
        row_number=plan.row.number,
        outcome=plan.outcome,
        errors=[error.as_dict() for error in plan.row.errors],
        changes=plan.changes,
        label=plan.row.label[:200],
        enterprise_id=plan.enterprise_id,
        # Personal data of valid rows is already in the register; only rejected rows keep their cells.
        raw_values=json.dumps([cell_for_json(cell) for cell in plan.row.cells], default=str)
        if rejected
        else "",
        applied=applied and plan.outcome in (Outcome.NEW, Outcome.UPDATE),
        owner_nik_index=owner.nik_index if owner else "",
        owner_phone_index=owner.phone_index if owner else "",
    )


class RegisterWriter:
    """Writes plans to the register of one region, batch by batch, remembering the owners it created."""

    def __init__(self, *, region: Region, job: ImportJob | None) -> None:
        self.region = region
        self.job = job
        self.created_owners: dict[str, int] = {}
        self.created = self.updated = 0

    def write(self, plans: list[RowPlan]) -> None:
        """Write one batch; the caller holds the transaction."""
        self._create_owners(plans)
        self._update_owners(plans)
        self._create_enterprises([plan for plan in plans if plan.outcome == Outcome.NEW])
        self._update_enterprises([plan for plan in plans if plan.outcome == Outcome.UPDATE])

    def _owner_id(self, plan: RowPlan) -> int | None:
        return plan.owner_id if plan.owner_id is not None else self.created_owners.get(plan.owner_key)

    def _create_owners(self, plans: list[RowPlan]) -> None:
        creating = [plan for plan in plans if plan.creates_owner and plan.outcome != Outcome.REJECTED]
        # In blind-index order, consecutive inserts land on neighbouring pages of the NIK indexes rather
        # than anywhere in them (a fifth less time per owner).
        creating.sort(key=lambda plan: plan.row.owner.nik_index)
        owners = [plan.row.owner for plan in creating]
        now = timezone.now()
        for owner in owners:
            owner.created_at = owner.updated_at = now
        bulk.insert(Owner, owners)
        for plan, owner in zip(creating, owners, strict=True):
            self.created_owners[plan.owner_key] = owner.pk

    def _update_owners(self, plans: list[RowPlan]) -> None:
        changing = {
            plan.owner_id: plan.owner_changes
            for plan in plans
            if plan.owner_changes and plan.outcome != Outcome.REJECTED
        }
        if not changing:
            return
        owners = owners_by_id(self.region, list(changing))
        attributes = {"updated_at"}
        now = timezone.now()
        for owner_id, changes in changing.items():
            owner = owners[owner_id]
            for attribute, value in changes.items():
                setattr(owner, attribute, value)
            owner.updated_at = now
            attributes.update(changes)
        Owner.objects.with_scope(region=self.region.pk).bulk_update(list(owners.values()), sorted(attributes))

    def _create_enterprises(self, plans: list[RowPlan]) -> None:
        if not plans:
            return
        now = timezone.now()
        enterprises = []
        job_id = self.job.pk if self.job else None
        region_id = self.region.pk
        for plan in plans:
            # Ids rather than instances: assigning a related instance costs a router check per row.
            values = dict(plan.row.enterprise)
            for name in PLACE_FIELDS:
                if name in values:
                    values[f"{name}_id"] = values.pop(name).pk
            enterprise = bulk.instantiate(
                Enterprise,
                region_id=region_id,
                source=Enterprise.Source.IMPORT,
                import_job_id=job_id,
                owner_id=self._owner_id(plan) if plan.row.owner is not None else None,
                created_at=now,
                updated_at=now,
                **values,
            )
            enterprise_derive(enterprise)
            enterprises.append(enterprise)
        bulk.insert(Enterprise, enterprises)
        licences = []
        for plan, enterprise in zip(plans, enterprises, strict=True):
            plan.enterprise_id = enterprise.pk
            if plan.row.nib:
                licences.append(
                    bulk.instantiate(
                        Licence,
                        enterprise_id=enterprise.pk,
                        region_id=region_id,
                        type=Licence.Type.NIB,
                        number=plan.row.nib,
                    )
                )
        bulk.insert(Licence, licences)
        self.created += len(plans)

    def _update_enterprises(self, plans: list[RowPlan]) -> None:
        if not plans:
            return
        enterprises = enterprises_by_id(self.region, [plan.enterprise_id for plan in plans])
        attributes = {"updated_at", "computed_scale", "scale_rule"}
        now = timezone.now()
        for plan in plans:
            enterprise = enterprises[plan.enterprise_id]
            for attribute, value in plan.enterprise_changes.items():
                if attribute == "owner":
                    enterprise.owner_id = self._owner_id(plan)
                    attributes.add("owner")
                else:
                    setattr(enterprise, attribute, value)
                    attributes.add(attribute)
            enterprise_derive(enterprise)
            enterprise.updated_at = now
        Enterprise.objects.with_scope(region=self.region.pk).bulk_update(
            list(enterprises.values()), sorted(attributes), batch_size=BATCH_SIZE
        )
        renumbered = [plan for plan in plans if plan.nib_changed]
        if renumbered:
            licences = Licence.objects.with_scope(region=self.region.pk)
            licences.filter(
                type=Licence.Type.NIB, enterprise_id__in=[plan.enterprise_id for plan in renumbered]
            ).delete()
            licences.bulk_create(
                [
                    Licence(
                        enterprise_id=plan.enterprise_id,
                        region=self.region,
                        type=Licence.Type.NIB,
                        number=plan.row.nib,
                    )
                    for plan in renumbered
                ]
            )
        self.updated += len(plans)
