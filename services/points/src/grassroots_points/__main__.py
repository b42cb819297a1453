from grassroots_kit.serve import serve

from grassroots_points.main import create_app
from grassroots_points.settings import PointsSettings

serve(PointsSettings, create_app)
