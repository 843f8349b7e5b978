"""`jingkang demo`: load a demonstration data set into the running referral and registry services.

Everything goes through the public HTTP APIs, as hospital systems, institution clients and
civil-affairs officials would use them, with bearer tokens signed by the configured secret.
It loads, in Hebei province (130000):

- the registry: community rehabilitation institutions in Shijiazhuang, Tangshan and Baoding of
  every level of the network (city, county, township, village) and every kind, urban and
  rural, with services, forms, published prices and contacts; a staff report for the current
  year for each; one institution suspended and one closed; baseline survey (摸底) figures of the
  current quarter for every county used;
- the referral service, once its institution directory has caught up with the registry: about
  forty cases along every path of the lifecycle: hospital uploads, self and guardian
  applications and third-party reports (approved or rejected), dispatch by residence and to a
  named institution, acceptance and decline, suitable and unsuitable evaluations, agreements,
  service records, reassessments and exits to each destination, relocations, relapses and
  hospital returns, withdrawals, waiting lists, re-reviews and follow-ups.

Then it prints what it loaded and the start of the province's progress statistics, and
creates (or finds) one console account per role with a known password and prints them.

Persons and institutions are fictitious but valid: identity numbers carry the GB 11643 check
digit, credit codes the GB 32100 one.  The demo can run again: a registered institution answers
409 and is left as it is, and every case is created with a fixed Idempotency-Key for a person
generated from the case's serial number, so a second run recognises the persons it loaded
(a replayed answer, ``duplicate_case`` or a reused key) and leaves their cases alone.
"""

from .run import main

__all__ = ["main"]
