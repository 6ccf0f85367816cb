"""What the screens show, built from the store: one module a screen."""
