"""The form engine: definitions as data, compiled to colander schemas,
rendered by deform without JavaScript, several steps with a summary."""
