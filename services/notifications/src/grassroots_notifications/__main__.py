from grassroots_kit.serve import serve

from grassroots_notifications.main import create_app
from grassroots_notifications.settings import NotificationsSettings

serve(NotificationsSettings, create_app)
