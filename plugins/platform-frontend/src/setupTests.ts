import '@testing-library/jest-dom';

// Card tests drive whole cards through user-event in jsdom (typing, tabbing, several renders per step): on a
// busy 2-core machine some take over jest's default 5 s without anything being wrong. A hang still fails.
jest.setTimeout(20_000);
