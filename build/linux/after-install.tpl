#!/bin/bash
# The deb's postinst: electron-builder's stock steps (its templates/linux/after-install.tpl), plus the
# `mas-migrator` command line next to the GUI's `${executable}`. electron-builder fills in the ${…} names.

app='/opt/${sanitizedProductName}'

# link NAME TARGET: /usr/bin/NAME points at TARGET, through update-alternatives where there is one.
link() {
  if type update-alternatives >/dev/null 2>&1; then
    # A plain link from an older install is replaced by the alternative.
    if [ -L "/usr/bin/$1" ] && [ "$(readlink "/usr/bin/$1")" != "/etc/alternatives/$1" ]; then
      rm -f "/usr/bin/$1"
    fi
    update-alternatives --install "/usr/bin/$1" "$1" "$2" 100 || ln -sf "$2" "/usr/bin/$1"
  else
    ln -sf "$2" "/usr/bin/$1"
  fi
}

link '${executable}' "$app/${executable}"
link mas-migrator "$app/bin/mas-migrator"

# The SUID sandbox helper only where unprivileged user namespaces do not work.
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
  chmod 4755 "$app/chrome-sandbox" || true
else
  chmod 0755 "$app/chrome-sandbox" || true
fi

if hash update-mime-database 2>/dev/null; then
  update-mime-database /usr/share/mime || true
fi
if hash update-desktop-database 2>/dev/null; then
  update-desktop-database /usr/share/applications || true
fi

# Ubuntu 24.04 restricts unprivileged user namespaces through AppArmor: the profile electron-builder ships
# (resources/apparmor-profile) lets the GUI use them, where this AppArmor understands it (abi/4.0).
if apparmor_status --enabled >/dev/null 2>&1; then
  profile_source="$app/resources/apparmor-profile"
  profile_target='/etc/apparmor.d/${executable}'
  if apparmor_parser --skip-kernel-load --debug "$profile_source" >/dev/null 2>&1; then
    cp -f "$profile_source" "$profile_target"
    if ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --replace --write-cache --skip-read-cache "$profile_target"
    fi
  else
    echo "Skipping the AppArmor profile: this AppArmor does not support it."
  fi
fi
