"""Figure builders: pure functions, data and state in, figure out."""
