document.title = 'now ' + Date.now();
