import { eximFileSource } from '../../src/logs/exim/index.js';
import { corpusPath } from '../helpers/corpus.js';
import { logSourceContract } from './log-source-contract.js';

// Exim's own test suite, test/log/0589 (normalised by the Exim maintainers): a message relayed over SMTP to
// a second Exim, which answered "250 OK id=10HmaZ-000000005vi-0000". Exim writes local time without a zone:
// the fixture is read as UTC so the expected span does not depend on the machine's zone.
logSourceContract({
  driver: 'exim (Exim test suite log 0589)',
  make: (files) => eximFileSource({ files, zone: 'utc', referenceTime: new Date('2017-08-01T00:00:00Z') }),
  files: [corpusPath('maillogs/exim-testsuite/0589')],
  known: { query: { queueId: '10HmaX-000000005vi-0000' }, recipient: 'good@test.ex', outcome: 'relayed' },
  span: { first: '2017-07-30T18:51:05.712Z', last: '2017-07-30T18:51:05.712Z' },
});
