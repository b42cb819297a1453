from grassroots_kit.serve import serve

from grassroots_people.main import create_app
from grassroots_people.settings import PeopleSettings

serve(PeopleSettings, create_app)
