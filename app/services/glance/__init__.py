"""What a person sees at a glance: the navigation's counts and the month's trend on Today."""
