"""The web front end: FastAPI pages and a JSON API over the same service layer as the CLI."""
