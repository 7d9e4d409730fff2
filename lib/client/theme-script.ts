// The inline script the root layout puts in <head>: sets the `dark` class before first paint.
// Kept free of imports so it can be a plain string; must match THEME_STORAGE_KEY in theme.ts.
export const THEME_SCRIPT = `(function(){try{var c=localStorage.getItem("homeport-theme");var d=c==="dark"||(c!=="light"&&window.matchMedia("(prefers-color-scheme: dark)").matches);var r=document.documentElement;if(d)r.classList.add("dark");r.style.colorScheme=d?"dark":"light";}catch(e){}})();`;
