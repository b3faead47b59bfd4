"""Test configuration: hypothesis profiles.

CI (the CI environment variable set) runs the property tests derandomized, so a run on a
given commit always tries the same examples; set HYPOTHESIS_PROFILE=thorough to explore
far more examples locally.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("dev", deadline=None)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
