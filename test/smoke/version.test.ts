import t from 'tap';
import { version } from '../../lib/version.js';
t.match(version, /^\d+\.\d+\.\d+/);
