"""Stage 1, load: YAML read strictly and validated by the models, into a KnowledgeBase and unit profiles."""

from .content import DEFAULT_CONTENT, KnowledgeBase, load_content
from .profile import LoadedProfile, Profile, load_profile

__all__ = ["DEFAULT_CONTENT", "KnowledgeBase", "LoadedProfile", "Profile", "load_content", "load_profile"]
