"""Event cashier pages."""
urlpatterns = []
