"""The one place where a whitelisted method of the app meets its caller's arguments and errors.

Put ``@safe_method`` under ``@frappe.whitelist()``. Arguments are read by the method's
annotations (JSON for lists) and refused by name when they are not what it takes. A refusal
(ValidationError; a RuleViolation of the rules package is translated into one) or a denial
(PermissionError) reaches the user as it is; any other error is rolled back, kept in the Error
Log for the administrator and answered with a clear message."""

import functools
import inspect

import frappe
from frappe import _

from meldcode_app.rules.arguments import coerce
from meldcode_app.utils import rules_enforced

PASSED_ON = (frappe.ValidationError, frappe.PermissionError)


class UnexpectedError(frappe.ValidationError):
	"""What the user gets instead of an error the app did not foresee."""


def safe_method(method):
	signature = inspect.signature(method)

	@functools.wraps(method)
	def wrapper(*args, **kwargs):
		try:
			with rules_enforced(_("Not done")):
				return method(**read_arguments(signature, args, kwargs))
		except PASSED_ON:
			raise
		except Exception:
			unexpected(method)

	# Frappe checks annotated arguments itself with English messages; here they are read instead.
	wrapper.__annotations__ = {}
	wrapper.safe_method = True
	return wrapper


def read_arguments(signature: inspect.Signature, args: tuple, kwargs: dict) -> dict:
	try:
		bound = signature.bind(*args, **kwargs)
	except TypeError:
		frappe.throw(
			_("This method takes {0}; the request gave {1}.").format(
				", ".join(signature.parameters) or "-", ", ".join(kwargs) or "-"
			),
			title=_("Not done"),
		)
	arguments = {
		name: coerce(name, signature.parameters[name].annotation, value)
		if signature.parameters[name].annotation is not inspect.Parameter.empty
		else value
		for name, value in bound.arguments.items()
	}
	# Frappe's own functions take a `doctype` and fail deep inside on one that does not exist.
	doctype = arguments.get("doctype")
	if isinstance(doctype, str) and not frappe.db.exists("DocType", doctype):
		frappe.throw(
			_("{0} is not a document type.").format(doctype), frappe.DoesNotExistError, title=_("Not done")
		)
	return arguments


def unexpected(method):
	"""Nothing of the failed call is kept; the error is, for the administrator."""
	frappe.db.rollback()
	log = frappe.log_error(title=f"{method.__module__}.{method.__name__}")
	frappe.db.commit()  # the Error Log outlives the request's own rollback
	frappe.throw(
		_(
			"Something went wrong and nothing was saved. The administrator finds the details in the Error Log ({0})."
		).format(log.name if log else ""),
		UnexpectedError,
		title=_("Something went wrong"),
	)
