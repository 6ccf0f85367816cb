"""The use cases both doors share (see the README's "the code")."""
