import type { KeyboardEvent } from 'react';
import iconUrl from '../../../build/icon.svg';
import { screens } from '../screens';
import { goTo, session } from '../store/session';
import { useStore } from '../store/create-store';
import { AppInfoPanel } from './AppInfoPanel';
import { CurrentProfileCard } from './CurrentProfileCard';
import { NavStatus } from './NavStatus';

/** Up and down arrows move between the steps that can be opened, as in a menu. */
function moveBetweenSteps(event: KeyboardEvent<HTMLOListElement>) {
  const steps = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
  const at = steps.indexOf(document.activeElement as HTMLButtonElement);
  const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: steps.length - 1 }[event.key];
  if (at < 0 || next === undefined || !steps[next]) return;
  event.preventDefault();
  steps[next].focus();
}

/** The journey's steps; steps after Profiles need an open profile. */
export function Sidebar() {
  const current = useStore(session, (s) => s.screen);
  const profileId = useStore(session, (s) => s.profile?.id);
  return (
    <nav className="sidebar" aria-label="Migration steps">
      <div className="sidebar-content">
        <div className="brand">
          <img src={iconUrl} alt="" />
          MAS Migrator
        </div>
        <CurrentProfileCard />
        <ol onKeyDown={moveBetweenSteps}>
          {screens.map((s, index) => {
            const needsProfile = s.id !== 'profiles' && !profileId;
            return (
              <li key={s.id}>
                <button
                  type="button"
                  className={s.id === current ? 'nav-item active' : 'nav-item'}
                  aria-current={s.id === current ? 'page' : undefined}
                  disabled={needsProfile}
                  title={needsProfile ? 'Open or create a profile first' : undefined}
                  onClick={() => goTo(s.id)}
                >
                  <span className="step" aria-hidden="true">
                    {index + 1}
                  </span>
                  {s.title}
                  <span className="nav-status">
                    <NavStatus screen={s.id} />
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
        <AppInfoPanel />
      </div>
    </nav>
  );
}
