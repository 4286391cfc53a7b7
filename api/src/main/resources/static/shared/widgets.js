/**
 * The two controls every app puts in its header: who is signed in (with the sign-in and sign-out
 * buttons, and in the demo a dialog to choose a demo user), and the language switch. Both redraw
 * themselves on sign-in and on a language switch.
 *
 *   mountSignIn(document.getElementById('user'));
 *   mountLanguageSwitch(document.getElementById('lang'));
 */
import { appConfig, session, signInDemo, signInOidc, signOut, onSessionChange } from './auth.js';
import { h, failed } from './dom.js';
import { t, lang, setLang, onLangChange } from './i18n.js';

/** The sign-in area: a button for the public, the user's name and role and a sign-out button once signed in. */
export function mountSignIn(container) {
  const draw = async () => {
    const cfg = await appConfig().catch(() => ({ mode: 'none', demoUsers: [] }));
    const me = session();
    if (me.signedIn) {
      container.replaceChildren(
        h('span', { class: 'who', 'data-role': me.role }, t('auth.signedInAs', { name: me.displayName || me.subject, role: t('role.' + me.role) })),
        h('button', { type: 'button', class: 'btn btn-quiet', id: 'sign-out', onclick: () => signOut() }, t('auth.signOut')));
      return;
    }
    if (cfg.mode === 'none') {
      container.replaceChildren(h('span', { class: 'who', title: t('auth.none') }, t('auth.public')));
      return;
    }
    const button = h('button', { type: 'button', class: 'btn btn-primary', id: 'sign-in',
      onclick: () => (cfg.mode === 'oidc' ? signInOidc() : chooseDemoUser(cfg, button)) }, t('auth.signIn'));
    container.replaceChildren(h('span', { class: 'who' }, t('auth.public')), button);
  };
  onSessionChange(draw);
  onLangChange(draw);
  draw();
}

/** The demo's sign-in: a modal dialog listing the demo users; focus returns to the button when it closes. */
function chooseDemoUser(cfg, opener) {
  const status = h('div', { class: 'dialog-status' });
  const dialog = h('dialog', { class: 'signin-dialog', 'aria-labelledby': 'signin-title' },
    h('h2', { id: 'signin-title' }, t('auth.chooseUser')),
    h('p', { class: 'hint' }, t('auth.demoNote')),
    h('ul', { class: 'demo-users' }, cfg.demoUsers.map((u) => h('li', {},
      h('button', { type: 'button', class: 'btn demo-user', 'data-subject': u.subject, onclick: async (e) => {
        const chosen = e.currentTarget;
        chosen.disabled = true;
        try {
          await signInDemo(u.subject);
          dialog.close();
        } catch (error) {
          failed(status, error);
          chosen.disabled = false;
        }
      } }, h('strong', {}, t('role.' + u.role)), h('span', {}, u.displayName))))),
    status,
    h('form', { method: 'dialog' }, h('button', { class: 'btn btn-quiet', value: 'close' }, t('common.close'))));
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener.isConnected) {
      opener.focus();
    }
  });
  document.body.append(dialog);
  dialog.showModal();
}

/** A button that switches between Vietnamese and English. */
export function mountLanguageSwitch(container) {
  const draw = () => {
    container.replaceChildren(h('button', { type: 'button', class: 'btn btn-quiet', id: 'lang-switch',
      lang: lang() === 'vi' ? 'en' : 'vi', 'aria-label': t('lang.switch.label'),
      onclick: () => setLang(lang() === 'vi' ? 'en' : 'vi') }, t('lang.switch')));
  };
  onLangChange(draw);
  draw();
}
