"""Cases: the list, one case, recording a complaint, attachments."""
