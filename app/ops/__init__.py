"""Running the service: metrics and index reloads."""
