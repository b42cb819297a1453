from grassroots_kit.serve import serve

from grassroots_cases.main import create_app
from grassroots_cases.settings import CasesSettings

serve(CasesSettings, create_app)
