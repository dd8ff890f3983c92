// simjs ships no types; the loader reads what it needs from window.Sim instead.
declare module 'simjs';
