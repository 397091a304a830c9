"""Review pages: candidate groups with their evidence, decisions, bulk acceptance, runs and merges."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sahabat.accounts.decorators import region_permission_required
from sahabat.accounts.permissions import Perm
from sahabat.core.errors import DomainError
from sahabat.core.pagination import paginate
from sahabat.dedupe import selectors, services
from sahabat.dedupe.forms import BulkAcceptForm, DecisionForm, RunForm
from sahabat.dedupe.models import CandidateGroup, DedupeRun, Merge
from sahabat.dedupe.tasks import dedupe_bulk_accept_task

GROUPS_PER_PAGE = 10
# Bulk acceptances of more groups than this run in the huey worker.
BULK_INLINE_MAX = 200


def _crumbs(label=None) -> list[dict]:
    crumbs = [
        {"label": gettext_lazy("UMKM register"), "url": reverse("registry:enterprise_list")},
        {"label": gettext_lazy("Duplicates"), "url": reverse("dedupe:group_list")},
    ]
    if label is not None:
        crumbs.append({"label": label, "url": ""})
    return crumbs


def _with_evidence(group: CandidateGroup) -> CandidateGroup:
    group.pair_list = [(pair, selectors.pair_evidence(pair)) for pair in group.pairs.all()]
    group.nibs = selectors.group_nib_numbers(group)
    group.members = [(item, group.nibs.get(item.pk, "")) for item in group.enterprises.all()]
    return group


@region_permission_required(Perm.DEDUPE_REVIEW)
def group_list(request):
    status = request.GET.get("status", CandidateGroup.Status.PENDING)
    if status not in CandidateGroup.Status.values:
        status = CandidateGroup.Status.PENDING
    groups = selectors.candidate_group_list(actor=request.actor, region=request.region, status=status)
    page = paginate(request, groups, per_page=GROUPS_PER_PAGE)
    for group in page["page_obj"].object_list:
        _with_evidence(group)
    run = selectors.dedupe_run_latest(actor=request.actor, region=request.region)
    counts = selectors.candidate_group_counts(actor=request.actor, region=request.region)
    context = {
        "status": status,
        "statuses": [(value, label, counts[value]) for value, label in CandidateGroup.Status.choices],
        "run": run,
        "running": run is not None and run.status in services.RUNNING,
        "run_form": RunForm(),
        "bulk_form": BulkAcceptForm(),
        "breadcrumbs": _crumbs(),
        **page,
    }
    return render(request, "dedupe/group_list.html", context)


def _group(request, group_id: int) -> CandidateGroup:
    try:
        return selectors.candidate_group_get(actor=request.actor, group_id=group_id)
    except CandidateGroup.DoesNotExist:
        raise Http404(_("This group does not exist in your region.")) from None


@region_permission_required(Perm.DEDUPE_REVIEW)
def group_detail(request, group_id: int):
    group = _with_evidence(_group(request, group_id))
    group.evidence_rows = selectors.group_evidence_rows(group)
    golden = services.survivorship(list(group.enterprises.all()))[0] if group.status == "pending" else None
    context = {"group": group, "golden_id": golden.pk if golden else None, "breadcrumbs": _crumbs(_("Group"))}
    return render(request, "dedupe/group_detail.html", context)


@require_POST
@region_permission_required(Perm.DEDUPE_REVIEW)
def group_decide(request, group_id: int):
    group = _group(request, group_id)
    form = DecisionForm(request.POST, group=group)
    if not form.is_valid():
        messages.error(request, _("Choose a decision and the records it applies to."))
        return redirect("dedupe:group_detail", group_id=group.pk)
    decision = form.cleaned_data["decision"]
    try:
        services.candidate_group_decide(
            actor=request.actor,
            group_id=group.pk,
            decision=decision,
            golden_id=form.cleaned_data["golden"],
            member_ids=form.cleaned_data["members"] or None,
        )
    except DomainError as error:
        messages.error(request, error.errors[0].message)
        return redirect("dedupe:group_detail", group_id=group.pk)
    done = {
        CandidateGroup.Status.MERGED: _("The records were merged. The merge can be undone under “Merges”."),
        CandidateGroup.Status.NOT_SAME: _("Noted: these records will not be suggested together again."),
        CandidateGroup.Status.SKIPPED: _("Skipped. The group is kept under “Skipped”."),
    }
    messages.success(request, done[decision])
    return redirect("dedupe:group_list")


@require_POST
@region_permission_required(Perm.DEDUPE_REVIEW)
def bulk_accept(request):
    form = BulkAcceptForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The threshold must be a number between 0.5 and 1."))
        return redirect("dedupe:group_list")
    threshold = form.cleaned_data["threshold"]
    waiting = selectors.candidate_group_list(
        actor=request.actor, region=request.region, min_probability=threshold
    ).count()
    if waiting > BULK_INLINE_MAX:
        # Each merge takes a few queries: thousands of them belong in the worker, not in the request.
        dedupe_bulk_accept_task(request.region.pk, threshold, request.user.pk)
        messages.success(
            request,
            _("%(count)s groups are being merged in the background; reload this page to follow.")
            % {"count": waiting},
        )
        return redirect("dedupe:group_list")
    try:
        count = services.candidate_groups_bulk_accept(
            actor=request.actor, region=request.region, threshold=threshold
        )
    except DomainError as error:
        messages.error(request, error.errors[0].message)
        return redirect("dedupe:group_list")
    messages.success(request, _("%(count)s groups merged.") % {"count": count})
    return redirect("dedupe:group_list")


@require_POST
@region_permission_required(Perm.DEDUPE_REVIEW)
def run_start(request):
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The threshold must be a number between 0.5 and 0.9999."))
        return redirect("dedupe:group_list")
    try:
        services.dedupe_run_start(
            actor=request.actor,
            region=request.region,
            threshold=form.cleaned_data["threshold"],
            retrain=form.cleaned_data["retrain"],
        )
    except DomainError as error:
        messages.error(request, error.errors[0].message)
    return redirect("dedupe:group_list")


@region_permission_required(Perm.DEDUPE_REVIEW)
def run_progress(request, run_id: int):
    """The progress bar, polled every second by htmx; when the run ends the page reloads itself."""
    try:
        run = selectors.dedupe_run_get(actor=request.actor, run_id=run_id)
    except DedupeRun.DoesNotExist:
        raise Http404(_("This search does not exist in your region.")) from None
    running = run.status in services.RUNNING
    response = render(request, "dedupe/_run.html", {"run": run, "running": running})
    if not running and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@region_permission_required(Perm.DEDUPE_REVIEW)
def merge_list(request):
    merges = selectors.merge_list(actor=request.actor, region=request.region)
    return render(
        request,
        "dedupe/merge_list.html",
        {"breadcrumbs": _crumbs(_("Merges")), **paginate(request, merges)},
    )


@require_POST
@region_permission_required(Perm.DEDUPE_REVIEW)
def merge_undo(request, merge_id: int):
    try:
        merge = selectors.merge_get(actor=request.actor, merge_id=merge_id)
    except Merge.DoesNotExist:
        raise Http404(_("This merge does not exist in your region.")) from None
    try:
        services.merge_undo(actor=request.actor, merge_id=merge.pk)
    except DomainError as error:
        messages.error(request, error.errors[0].message)
    else:
        messages.success(request, _("The merge was undone; the records are as they were before."))
    return redirect("dedupe:merge_list")
