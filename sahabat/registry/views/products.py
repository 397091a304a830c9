"""Product pages of an enterprise: add, edit and delete (with a confirmation page when JavaScript is off)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahabat.core.errors import DomainError, NotFound
from sahabat.core.errors import PermissionDenied as DomainPermissionDenied
from sahabat.core.forms import apply_domain_error
from sahabat.registry import selectors, services
from sahabat.registry.forms import ProductForm
from sahabat.registry.models import Product
from sahabat.registry.views.enterprises import breadcrumbs, editable_or_403, enterprise_crumb, refusal


def _product_or_404(request, product_id: int) -> Product:
    try:
        product = selectors.product_get(actor=request.actor, product_id=product_id)
    except Product.DoesNotExist:
        raise Http404(_("This product does not exist in your region.")) from None
    if not selectors.enterprise_access(actor=request.actor, enterprise=product.enterprise).can_edit:
        raise PermissionDenied
    return product


def _products_url(enterprise_id: int) -> str:
    return reverse("registry:enterprise_detail", args=[enterprise_id]) + "#products"


def _form_page(request, form: ProductForm, *, enterprise, product=None):
    access = selectors.enterprise_access(actor=request.actor, enterprise=enterprise)
    label = product.name if product else gettext_lazy("New product")
    context = {
        "form": form,
        "enterprise": enterprise,
        "product": product,
        "breadcrumbs": breadcrumbs(
            enterprise_crumb(enterprise), {"label": label}, can_view_register=access.can_view_register
        ),
    }
    return render(request, "registry/product_form.html", context)


@login_required
def product_create(request, enterprise_id: int):
    enterprise, _access = editable_or_403(request, enterprise_id)
    form = ProductForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            product = services.product_create(
                actor=request.actor, enterprise_id=enterprise.pk, **form.product_values()
            )
        except (NotFound, DomainPermissionDenied) as error:
            raise refusal(error) from error
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("“%(name)s” has been added.") % {"name": product.name})
            return redirect(_products_url(enterprise.pk))
    return _form_page(request, form, enterprise=enterprise)


@login_required
def product_edit(request, product_id: int):
    product = _product_or_404(request, product_id)
    form = ProductForm(request.POST or None, request.FILES or None, initial=ProductForm.initial_for(product))
    if request.method == "POST" and form.is_valid():
        try:
            product = services.product_update(
                actor=request.actor, product_id=product.pk, **form.product_values()
            )
        except (NotFound, DomainPermissionDenied) as error:
            raise refusal(error) from error
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request, _("The changes to “%(name)s” have been saved.") % {"name": product.name}
            )
            return redirect(_products_url(product.enterprise_id))
    return _form_page(request, form, enterprise=product.enterprise, product=product)


@login_required
def product_delete(request, product_id: int):
    product = _product_or_404(request, product_id)
    if request.method == "POST":
        try:
            services.product_delete(actor=request.actor, product_id=product.pk)
        except DomainError as error:
            raise refusal(error) from error
        messages.success(request, _("“%(name)s” has been deleted.") % {"name": product.name})
        return redirect(_products_url(product.enterprise_id))
    access = selectors.enterprise_access(actor=request.actor, enterprise=product.enterprise)
    context = {
        "product": product,
        "breadcrumbs": breadcrumbs(
            enterprise_crumb(product.enterprise),
            {"label": gettext_lazy("Delete product")},
            can_view_register=access.can_view_register,
        ),
    }
    return render(request, "registry/product_confirm_delete.html", context)
