"""Event setup pages."""
urlpatterns = []
