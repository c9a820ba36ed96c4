#!/bin/bash
# The deb's postrm: electron-builder's stock steps (its templates/linux/after-remove.tpl) for the GUI's
# `${executable}`, and the same for the `mas-migrator` command line.

app='/opt/${sanitizedProductName}'

# unlink NAME TARGET: removes /usr/bin/NAME as link() in after-install made it.
unlink_command() {
  if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove "$1" "$2"
  else
    rm -f "/usr/bin/$1"
  fi
}

unlink_command '${executable}' "$app/${executable}"
unlink_command mas-migrator "$app/bin/mas-migrator"

profile='/etc/apparmor.d/${executable}'
if [ -f "$profile" ]; then
  # Unloaded before it is deleted, or it stays enforced until the next reboot.
  if apparmor_status --enabled >/dev/null 2>&1; then
    if ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --remove "$profile" || true
    fi
  fi
  rm -f "$profile"
fi
