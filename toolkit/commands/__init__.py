"""The commands: thin functions that open stores, write files and send mail around the library
calls (toolkit.validate, toolkit.followup, toolkit.mail). toolkit.cli parses the options, calls
one of these and prints what it returns."""
