from sahabat.events.views import cashier, dashboard, setup

app_name = "events"

# Each page module keeps its own routes next to its views.
urlpatterns = setup.urlpatterns + cashier.urlpatterns + dashboard.urlpatterns
