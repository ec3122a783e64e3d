"""Head office: the intake server, central import, enrolment of counters, publishing. No Qt."""
