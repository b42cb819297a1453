from grassroots_kit.serve import serve

from grassroots_participation.main import create_app
from grassroots_participation.settings import ParticipationSettings

serve(ParticipationSettings, create_app)
