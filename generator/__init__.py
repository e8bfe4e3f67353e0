"""责任田: the responsibility system as data, a knowledge site and document packs. See ARCHITECTURE.md."""
