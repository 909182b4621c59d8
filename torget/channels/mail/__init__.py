"""The e-mail channel's conversations with its servers: reading over IMAP, sending over SMTP."""
