"""Small reusable widgets used by the screens."""
