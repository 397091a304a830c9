"""Event dashboard pages."""
urlpatterns = []
