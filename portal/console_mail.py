"""Development mail: printed to the console as a person reads it.

Django's console backend prints the encoded message, so long links arrive broken across
quoted-printable lines (``=\\n``) and umlauts as ``=C3=BC``. This one prints the headers that
matter and the plain text exactly as written.
"""

from django.core.mail.backends.console import EmailBackend


class ReadableConsoleBackend(EmailBackend):
    """``EMAIL_BACKEND`` for development: sender, recipients, subject and the body as written."""

    def write_message(self, message):
        lines = [
            f"Von: {message.from_email}",
            f"An: {', '.join(message.to)}",
        ]
        if message.cc:
            lines.append(f"Kopie: {', '.join(message.cc)}")
        if message.reply_to:
            lines.append(f"Antwort an: {', '.join(message.reply_to)}")
        lines += [f"Betreff: {message.subject}", "", message.body]
        self.stream.write("\n".join(lines) + "\n")
        self.stream.write("-" * 79 + "\n")
