app_name = "meldcode_app"
app_title = "Meldcode App"
app_publisher = "Meldcode App developers"
app_description = "Meldcode Huiselijk Geweld en Kindermishandeling for Dutch schools"
app_email = "meldcode@example.org"
app_license = "mit"

export_python_type_annotations = True

after_install = "meldcode_app.install.after_install"
after_sync = "meldcode_app.install.after_sync"
after_migrate = "meldcode_app.install.after_migrate"
before_uninstall = "meldcode_app.install.before_uninstall"

before_tests = "meldcode_app.tests.utils.before_tests"

fixtures = [
	{
		"dt": "Role",
		"filters": [["name", "like", "Meldcode %"]],
	},
]
