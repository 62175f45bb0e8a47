"""Sub-commands of `newsevents`. Each module defines `register(app)`; heavy imports stay inside the commands."""
