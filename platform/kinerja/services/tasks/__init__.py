"""What awaits the signed-in viewer now ("Tugas saya"): the top tier of the services, reading the rules of every
domain below it (docs/ARCHITECTURE.md, "The dependency rule"; docs/DOMAIN.md, "What awaits me")."""
