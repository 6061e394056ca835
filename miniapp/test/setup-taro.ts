// Runs before each miniapp test file (jsdom): the platform stand-in, fresh per test.
import { platform } from './taro-platform';

beforeEach(() => platform.reset());
