"""The HTTP API under /api/ (OpenAPI at /api/docs): one error shape for every failure."""

from ninja import NinjaAPI

from sahabat.accounts.api import api_auth
from sahabat.accounts.api import router as accounts_router
from sahabat.coaching.api import router as coaching_router
from sahabat.cooperation.api import router as cooperation_router
from sahabat.core.api_errors import install_error_handlers
from sahabat.events.api import router as events_router
from sahabat.events.api_dashboard import router as events_dashboard_router
from sahabat.events.api_setup import router as events_setup_router
from sahabat.indicators.api import router as indicators_router
from sahabat.investment.api import router as investment_router
from sahabat.portal.api import router as public_router
from sahabat.purchasing.api import router as purchasing_router
from sahabat.registry.api import router as registry_router
from sahabat.registry.imports.api import router as imports_router

api = NinjaAPI(
    title="Sahabat UMKM API",
    version="1",
    description="Register, events, purchasing and cooperation data of Indonesian regencies and cities.",
    auth=api_auth,
    urls_namespace="api",
    docs_url="/docs",
)

install_error_handlers(api)

api.add_router("/accounts", accounts_router)
api.add_router("/events", events_router)
api.add_router("/events", events_dashboard_router)
api.add_router("/events", events_setup_router)
api.add_router("/registry", registry_router)
api.add_router("/registry/imports", imports_router)
api.add_router("/cooperation", cooperation_router)
api.add_router("/purchasing", purchasing_router)
api.add_router("/coaching", coaching_router)
api.add_router("/investment", investment_router)
api.add_router("/indicators", indicators_router)
api.add_router("/public", public_router)
